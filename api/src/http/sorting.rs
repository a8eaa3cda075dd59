//! Sorteren van collecties: `?sorteer=-datum,naam` (NL API Design Rules).
//!
//! Elke collectie noemt de toegestane velden in een enum met [`SortField`];
//! het OpenAPI-document noemt dezelfde waarden, zodat de contractlaag een
//! onbekend veld al afwijst voordat de handler draait.

use crate::http::problem::Foutcode;
use sea_orm::{EntityTrait, Order, QueryOrder, Select};
use serde::de::DeserializeOwned;

use crate::http::problem::{ApiError, InvalidParam};

/// Een sorteerwaarde van een collectie, zoals `naam` of `-naam`.
pub trait SortField: DeserializeOwned + Copy {
    type Column: sea_orm::ColumnTrait;
    /// De kolom en of er aflopend gesorteerd wordt.
    fn column(&self) -> (Self::Column, bool);
}

/// Declareert de sorteervelden van een collectie: per veld de waarde oplopend en
/// aflopend (`-veld`) en de kolom. Het enum is de gepubliceerde lijst
/// toegestane waarden en tegelijk wat [`Sortering::parse`] aanneemt.
///
/// ```ignore
/// sorteervelden! {
///     /// Sorteervelden van gebieden.
///     GebiedSortering op gebied {
///         Naam = "naam", NaamAflopend = "-naam" => Naam,
///     }
/// }
/// ```
#[macro_export]
macro_rules! sorteervelden {
    ($(#[$meta:meta])* $naam:ident op $entiteit:ident {
        $($op:ident = $veld:tt, $af:ident = $min:tt => $kolom:ident),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
        pub enum $naam {
            $(
                #[serde(rename = $veld)]
                $op,
                #[serde(rename = $min)]
                $af,
            )+
            /// Op wijziging (elke lijst, [`crate::http::pagination::PaginaParams`]).
            #[serde(rename = "gewijzigdOp")]
            GewijzigdOp,
            #[serde(rename = "-gewijzigdOp")]
            GewijzigdOpAflopend,
        }

        impl $crate::http::sorting::SortField for $naam {
            type Column = $entiteit::Column;
            fn column(&self) -> ($entiteit::Column, bool) {
                match self {
                    $(
                        Self::$op => ($entiteit::Column::$kolom, false),
                        Self::$af => ($entiteit::Column::$kolom, true),
                    )+
                    Self::GewijzigdOp => ($entiteit::Column::UpdatedAt, false),
                    Self::GewijzigdOpAflopend => ($entiteit::Column::UpdatedAt, true),
                }
            }
        }
    };
}

/// De gevraagde sortering, in volgorde van belang.
#[derive(Debug, Clone)]
pub struct Sortering<F>(Vec<F>);

impl<F: SortField> Sortering<F> {
    /// Leest `sorteer`; zonder waarde geldt `default`.
    pub fn parse(raw: Option<&str>, default: F) -> Result<Self, ApiError> {
        let Some(raw) = raw else {
            return Ok(Sortering(vec![default]));
        };
        let fields = raw
            .split(',')
            .map(|item| serde_json::from_value::<F>(serde_json::Value::String(item.to_owned())))
            .collect::<Result<Vec<F>, _>>()
            .map_err(|_| {
                ApiError::Validation(vec![InvalidParam::new(
                    "sorteer",
                    Foutcode::Ongeldig,
                    "Onbekend sorteerveld; zie de toegestane waarden in de documentatie.",
                )])
            })?;
        Ok(Sortering(fields))
    }

    /// Voegt de sortering toe, met `tiebreaker` (een unieke kolom) als laatste,
    /// zodat pagina's stabiel zijn.
    pub fn apply<E>(&self, mut select: Select<E>, tiebreaker: F::Column) -> Select<E>
    where
        E: EntityTrait<Column = F::Column>,
    {
        for field in &self.0 {
            let (column, descending) = field.column();
            select = select.order_by(column, if descending { Order::Desc } else { Order::Asc });
        }
        select.order_by(tiebreaker, Order::Asc)
    }
}
