//! Toestanden en soorten als Rust-enums, opgeslagen als tekst (met een CHECK in de
//! migratie) en zo ook in de API en het document (`ToSchema`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

macro_rules! tekst_enum {
    ($(#[$meta:meta])* $naam:ident { $($(#[$vmeta:meta])* $variant:ident = $tekst:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum,
            Serialize, Deserialize, ToSchema,
        )]
        #[sea_orm(rs_type = "String", db_type = "Text")]
        #[serde(rename_all = "snake_case")]
        pub enum $naam {
            $(
                $(#[$vmeta])*
                #[sea_orm(string_value = $tekst)]
                $variant,
            )+
        }

        impl $naam {
            /// De waarde zoals in de API en de database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($naam::$variant => $tekst,)+
                }
            }

            pub fn parse(value: &str) -> Option<Self> {
                match value {
                    $($tekst => Some($naam::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

tekst_enum!(
    /// De soort gebied.
    GebiedSoort {
        Wijk = "wijk",
        Buurt = "buurt",
        Dorp = "dorp",
        Kern = "kern",
        Gebied = "gebied",
    }
);

tekst_enum!(
    /// De grootte van een gebied in het DNA-kwadrant.
    Grootteklasse {
        Klein = "klein",
        Groot = "groot",
    }
);

tekst_enum!(
    /// Het soort stappenplan.
    Plan {
        Coordinerend = "coordinerend",
        Coachend = "coachend",
        Weerbaarheid = "weerbaarheid",
    }
);

tekst_enum!(
    /// De toestand van een traject: `afgerond` als alle stappen afgerond of
    /// overgeslagen zijn, `gestopt` na een stop of een no-go.
    TrajectStatus {
        Lopend = "lopend",
        Afgerond = "afgerond",
        Gestopt = "gestopt",
    }
);

tekst_enum!(
    /// De uitkomst van het beslismoment: door naar stap 5, de randvoorwaarden eerst op
    /// orde brengen (een later besluit volgt), of samenwerking past niet.
    BesluitKeuze {
        Go = "go",
        NogNiet = "nog_niet",
        NoGo = "no_go",
    }
);

tekst_enum!(
    /// De rol van een verbinder in een traject.
    VerbinderRol {
        /// Het gezicht in de wijk.
        Wijkverbinder = "wijkverbinder",
        /// De schakel naar de gemeentelijke organisatie.
        Gemeenteverbinder = "gemeenteverbinder",
    }
);

tekst_enum!(
    /// De toestand van een stap.
    StapStatus {
        Open = "open",
        Bezig = "bezig",
        Afgerond = "afgerond",
        Overgeslagen = "overgeslagen",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    /// serde (`snake_case`) en de database (`string_value`) schrijven elke waarde gelijk.
    #[test]
    fn serde_and_the_database_agree() {
        fn check<T: ActiveEnum<Value = String> + Serialize + Iterable + Copy>(
            as_str: fn(T) -> &'static str,
        ) {
            for v in T::iter() {
                assert_eq!(
                    serde_json::to_value(v).ok(),
                    Some(serde_json::json!(v.to_value()))
                );
                assert_eq!(as_str(v), v.to_value());
            }
        }
        check(GebiedSoort::as_str);
        check(Grootteklasse::as_str);
        check(Plan::as_str);
        check(TrajectStatus::as_str);
        check(BesluitKeuze::as_str);
        check(VerbinderRol::as_str);
        check(StapStatus::as_str);
    }
}
