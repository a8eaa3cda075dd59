//! Codes met regels, als eigen typen: wie er een heeft, heeft een geldige.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// De CBS-code van een gemeente: `GM` en vier cijfers, bv. `GM0828` (Oss).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GemeenteCode(String);

impl GemeenteCode {
    pub const PATROON: &'static str = "^GM[0-9]{4}$";

    pub fn parse(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        (b.len() == 6 && text.starts_with("GM") && b[2..].iter().all(u8::is_ascii_digit))
            .then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// De vier cijfers (`0828`), waarmee ook de wijk- en buurtcodes beginnen.
    pub fn cijfers(&self) -> &str {
        &self.0[2..]
    }
}

/// De CBS-code van een wijk (`WK` + 6 cijfers) of buurt (`BU` + 8 cijfers); de eerste
/// vier cijfers zijn die van de gemeente.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CbsGebiedCode(String);

impl CbsGebiedCode {
    pub const PATROON: &'static str = "^(WK[0-9]{6}|BU[0-9]{8})$";

    pub fn parse(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        let vorm =
            (b.len() == 8 && text.starts_with("WK")) || (b.len() == 10 && text.starts_with("BU"));
        (vorm && b[2..].iter().all(u8::is_ascii_digit)).then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// Hoort deze code bij de gemeente?
    pub fn hoort_bij(&self, gemeente: &GemeenteCode) -> bool {
        &self.0[2..6] == gemeente.cijfers()
    }
}

macro_rules! tekstcode {
    ($ty:ident, $omschrijving:literal, $voorbeeld:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $ty::parse(&text)
                    .ok_or_else(|| serde::de::Error::custom(concat!("verwacht ", $omschrijving)))
            }
        }

        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                ObjectBuilder::new()
                    .schema_type(SchemaType::Type(Type::String))
                    .pattern(Some($ty::PATROON))
                    .description(Some($omschrijving))
                    .examples([serde_json::json!($voorbeeld)])
                    .into()
            }
        }

        impl ToSchema for $ty {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($ty))
            }
        }
    };
}

tekstcode!(
    GemeenteCode,
    "De CBS-code van een gemeente, bv. GM0828.",
    "GM0828"
);
tekstcode!(
    CbsGebiedCode,
    "CBS-wijkcode (WK + 6 cijfers) of -buurtcode (BU + 8 cijfers) van de eigen gemeente.",
    "WK082801"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemeentecodes() {
        assert_eq!(
            GemeenteCode::parse("GM0828").map(|c| c.cijfers().to_owned()),
            Some("0828".into())
        );
        for fout in [
            "GM082", "GM08288", "gm0828", "GMabcd", "XY0828", "GM 828", "",
        ] {
            assert!(GemeenteCode::parse(fout).is_none(), "{fout}");
        }
    }

    #[test]
    fn wijk_en_buurtcodes() {
        let oss = GemeenteCode::parse("GM0828").expect("oss");
        let vught = GemeenteCode::parse("GM0865").expect("vught");
        let wijk = CbsGebiedCode::parse("WK082801").expect("wijk");
        assert!(wijk.hoort_bij(&oss) && !wijk.hoort_bij(&vught));
        assert!(CbsGebiedCode::parse("BU08280101").is_some_and(|b| b.hoort_bij(&oss)));
        for fout in [
            "WK08280",
            "WK0828011",
            "BU0828010",
            "BU082801011",
            "XX082801",
            "WK08280a",
            "wk082801",
        ] {
            assert!(CbsGebiedCode::parse(fout).is_none(), "{fout}");
        }
    }
}
