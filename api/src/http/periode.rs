//! Het filter op een periode (`?vanaf=&tot=`, datums, beide inclusief) dat elke lijst
//! met een datum deelt: een extractor naast [`crate::http::pagination::Lijst`], die
//! `tot` vóór `vanaf` weigert met een 400 op `tot`.

use crate::http::problem::Foutcode;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web::Query};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryTrait, Select};
use serde::Deserialize;
use utoipa::IntoParams;

use super::problem::{ApiError, InvalidParam};

#[derive(Debug, Default, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Periode {
    /// Vanaf deze dag, inclusief.
    #[param(value_type = Option<String>, format = Date, example = "2026-01-01")]
    pub vanaf: Option<NaiveDate>,
    /// Tot en met deze dag; niet vóór `vanaf`.
    #[param(value_type = Option<String>, format = Date, example = "2026-12-31")]
    pub tot: Option<NaiveDate>,
}

impl Periode {
    /// Alleen rijen met `kolom` (een datum) in de periode.
    pub fn filter<E: EntityTrait>(&self, select: Select<E>, kolom: E::Column) -> Select<E> {
        select
            .apply_if(self.vanaf, |q, v| q.filter(kolom.gte(v)))
            .apply_if(self.tot, |q, t| q.filter(kolom.lte(t)))
    }
}

impl FromRequest for Periode {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let periode = Query::<Periode>::from_request(req, payload)
            .into_inner()
            .and_then(|q| {
                let p = q.into_inner();
                match (p.vanaf, p.tot) {
                    (Some(vanaf), Some(tot)) if tot < vanaf => {
                        Err(ApiError::Validation(vec![InvalidParam::new(
                            "tot",
                            Foutcode::Ongeldig,
                            "tot ligt vóór vanaf.",
                        )])
                        .into())
                    }
                    _ => Ok(p),
                }
            });
        std::future::ready(periode)
    }
}
