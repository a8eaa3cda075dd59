//! Paginering van collecties: `?pagina=1&paginaGrootte=20` (hoogstens 100), met
//! `_links` (self, first, prev, next, last) in de body en `X-Total-Count` als header.
//!
//! Elke collectie-endpoint leest een [`Lijst`] (pagina, filters en het verzoek voor de
//! links), noemt [`PaginaParams`] en zijn filters in zijn parameters en antwoordt met
//! [`Lijst::antwoord`].

use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, QueryStatementBuilder, SelectStatement, SimpleExpr};
use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, Order, PartialModelTrait, QueryFilter,
    QueryOrder, QueryResult, QuerySelect, QueryTrait, Select,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 100;
pub const TOTAL_COUNT_HEADER: &str = "X-Total-Count";
/// Het hoogste paginanummer (het document noemt het, de contractlaag weigert meer).
pub const MAX_PAGE: u64 = 1_000_000;

/// De pagineringsparameters van elke collectie, met `gewijzigdSinds` en
/// `sorteer=gewijzigdOp` (issue 38): een integrator bladert op wijziging. Die twee
/// zet het document bij elke lijst ([`crate::http::openapi`]); hier worden ze gelezen
/// en in SQL toegepast, voor elke lijst op dezelfde manier ([`GewijzigdOp`]).
#[derive(Debug, Clone, Copy, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct PaginaParams {
    /// Het paginanummer, vanaf 1 (hoogstens 1 000 000).
    #[param(minimum = 1, maximum = 1000000, default = 1, example = 1)]
    pub pagina: Option<u64>,
    /// Het aantal resultaten per pagina, hoogstens 100.
    #[param(minimum = 1, maximum = 100, default = 20, example = 20)]
    pub pagina_grootte: Option<u64>,
    /// Alleen rijen met `gewijzigdOp` op of na dit tijdstip.
    #[param(ignore)]
    #[serde(default)]
    pub gewijzigd_sinds: Option<DateTime<Utc>>,
    /// `sorteer=gewijzigdOp` (of `-gewijzigdOp`) als hele waarde: op wijziging, met het
    /// id als tweede sleutel. Een andere waarde van `sorteer` is van de lijst zelf.
    #[param(ignore)]
    #[serde(default, rename = "sorteer", deserialize_with = "op_wijziging")]
    pub op_wijziging: Option<Richting>,
}

/// Oplopend of aflopend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Richting {
    Op,
    Af,
}

impl Richting {
    fn order(self) -> Order {
        match self {
            Richting::Op => Order::Asc,
            Richting::Af => Order::Desc,
        }
    }
}

/// `sorteer` als het `gewijzigdOp` of `-gewijzigdOp` is.
fn op_wijziging<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Richting>, D::Error> {
    Ok(match Option::<String>::deserialize(d)?.as_deref() {
        Some(WIJZIGING) => Some(Richting::Op),
        Some(w) if w.strip_prefix('-') == Some(WIJZIGING) => Some(Richting::Af),
        _ => None,
    })
}

/// De naam waarop elke lijst op wijziging sorteert.
pub const WIJZIGING: &str = "gewijzigdOp";

/// Wat `gewijzigdOp` van een rij is, voor [`PaginaParams::gewijzigd_sinds`] en
/// `sorteer=gewijzigdOp`: de kolom die bij elke wijziging meeloopt (een rij die nooit
/// wijzigt, zoals een regel van het grootboek of een logboek: haar tijdstip), en het id.
/// Elke lijst uit de database heeft het: [`PaginaParams::fetch`] vraagt erom.
pub trait GewijzigdOp: EntityTrait {
    /// `gewijzigdOp` in SQL (meestal één kolom).
    fn gewijzigd_op() -> SimpleExpr;
    /// Wat rijen met hetzelfde `gewijzigdOp` ordent (uniek).
    fn id_kolom() -> SimpleExpr;
}

/// `gewijzigd_op!(gebied => UpdatedAt, audit_kop => GetekendOp / Volgnummer)`: de
/// kolom van `gewijzigdOp` van een entiteit, en na `/` die van het id (anders `Id`).
#[macro_export]
macro_rules! gewijzigd_op {
    ($entiteit:ident => $kolom:ident) => {
        $crate::gewijzigd_op!($entiteit => $kolom / Id);
    };
    ($entiteit:ident => $kolom:ident / $id:ident) => {
        impl $crate::http::pagination::GewijzigdOp for entity::$entiteit::Entity {
            fn gewijzigd_op() -> sea_orm::sea_query::SimpleExpr {
                sea_orm::sea_query::Expr::col((Self, entity::$entiteit::Column::$kolom))
            }
            fn id_kolom() -> sea_orm::sea_query::SimpleExpr {
                sea_orm::sea_query::Expr::col((Self, entity::$entiteit::Column::$id))
            }
        }
    };
}

impl PaginaParams {
    pub fn pagina(&self) -> u64 {
        self.pagina.unwrap_or(1).clamp(1, MAX_PAGE)
    }

    pub fn pagina_grootte(&self) -> u64 {
        self.pagina_grootte
            .unwrap_or(DEFAULT_PAGE_SIZE)
            .clamp(1, MAX_PAGE_SIZE)
    }

    /// Hoeveel rijen over te slaan.
    pub fn offset(&self) -> u64 {
        (self.pagina() - 1).saturating_mul(self.pagina_grootte())
    }

    /// `gewijzigdSinds` als filter en `sorteer=gewijzigdOp` als enige volgorde (met het id
    /// als tweede sleutel), als het verzoek ze noemt.
    fn op_wijziging<E: GewijzigdOp>(&self, mut select: Select<E>) -> Select<E> {
        if let Some(sinds) = self.gewijzigd_sinds {
            select = select.filter(sea_orm::sea_query::ExprTrait::gte(E::gewijzigd_op(), sinds));
        }
        if let Some(richting) = self.op_wijziging {
            QueryTrait::query(&mut select).clear_order_by();
            select = select
                .order_by(E::gewijzigd_op(), richting.order())
                .order_by(E::id_kolom(), richting.order());
        }
        select
    }

    /// Haalt deze pagina van `select` op en het totaal van de hele query, samen in één
    /// statement (een ronde naar PostgreSQL): de telling staat als subquery in de
    /// pagina, zodat PostgreSQL haar één keer uitrekent.
    pub async fn fetch<E, C>(
        &self,
        select: Select<E>,
        db: &C,
    ) -> Result<(u64, Vec<E::Model>), DbErr>
    where
        E: GewijzigdOp,
        E::Model: Sync,
        C: ConnectionTrait,
    {
        let select = self.op_wijziging(select);
        let telling = telling_van(&select);
        self.met_totaal(select, telling, db).await
    }

    /// Als [`PaginaParams::fetch`], maar haalt van de rijen van de pagina alleen de
    /// kolommen van `P` op (een lijst die niet alles van een rij toont). Met `teller`
    /// komt het totaal uit een bijgehouden telling (een query die één `bigint` geeft)
    /// in plaats van uit een telling van de rijen, voor een lijst zonder filters.
    pub async fn fetch_deel<E, P, C>(
        &self,
        select: Select<E>,
        teller: Option<SelectStatement>,
        db: &C,
    ) -> Result<(u64, Vec<P>), DbErr>
    where
        E: GewijzigdOp,
        E::Model: Sync,
        P: PartialModelTrait + Send + Sync,
        C: ConnectionTrait,
    {
        // Een bijgehouden telling geldt alleen zonder filter.
        let teller = teller.filter(|_| self.gewijzigd_sinds.is_none());
        let select = self.op_wijziging(select);
        let telling = teller.unwrap_or_else(|| telling_van(&select));
        self.met_totaal(P::select_cols(select.select_only()), telling, db)
            .await
    }

    async fn met_totaal<E, M, C>(
        &self,
        select: Select<E>,
        telling: SelectStatement,
        db: &C,
    ) -> Result<(u64, Vec<M>), DbErr>
    where
        E: EntityTrait,
        M: FromQueryResult + Send + Sync,
        C: ConnectionTrait,
    {
        let rijen = select
            .expr_as(
                Expr::SubQuery(None, Box::new(telling.clone().into_sub_query_statement())),
                TOTAAL_KOLOM,
            )
            .offset(self.offset())
            .limit(self.pagina_grootte())
            .into_model::<MetTotaal<M>>()
            .all(db)
            .await?;
        let totaal = match rijen.first() {
            Some(eerste) => eerste.totaal,
            // Een lege eerste pagina: er is niets. Voorbij het einde: apart tellen.
            None if self.offset() == 0 => 0,
            None => match db.query_one(&telling).await? {
                Some(rij) => rij.try_get_by_index::<Option<i64>>(0)?.unwrap_or(0),
                None => 0,
            },
        };
        let totaal = u64::try_from(totaal).unwrap_or(0);
        Ok((totaal, rijen.into_iter().map(|r| r.rij).collect()))
    }
}

/// De kolom met het totaal naast elke rij van de pagina.
const TOTAAL_KOLOM: &str = "weefsel_totaal_aantal";

/// `SELECT count(*)` met de filters (en joins) van `select`, zonder sortering.
fn telling_van<E: EntityTrait>(select: &Select<E>) -> SelectStatement {
    let mut telling = select
        .clone()
        .select_only()
        .expr(Expr::cust("count(*)"))
        .into_query();
    telling.clear_order_by();
    telling
}

/// Een rij van de pagina met het totaal van de hele query.
struct MetTotaal<M> {
    totaal: i64,
    rij: M,
}

impl<M: FromQueryResult> FromQueryResult for MetTotaal<M> {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        Ok(MetTotaal {
            totaal: res.try_get(pre, TOTAAL_KOLOM)?,
            rij: M::from_query_result(res, pre)?,
        })
    }
}

/// Een link in `_links`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Link {
    /// Pad met query, relatief aan de host van de API.
    #[schema(example = "/api/v1/gemeenten?pagina=1&paginaGrootte=20")]
    pub href: String,
}

/// Navigatie door een gepagineerde collectie.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PaginaLinks {
    #[serde(rename = "self")]
    pub self_: Link,
    pub first: Link,
    /// Afwezig op de eerste pagina.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<Link>,
    /// Afwezig op de laatste pagina.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    pub last: Link,
}

/// De invoer van een lijstoperatie: de pagina, de filters `P` uit dezelfde query
/// string en het verzoek (voor de links van de pagina). Een ongeldige query geeft
/// dezelfde 400 als `web::Query`.
pub struct Lijst<P = GeenFilters> {
    pub pagina: PaginaParams,
    pub params: P,
    req: HttpRequest,
}

impl<P> Lijst<P> {
    /// 200 met deze pagina van de resultaten en `X-Total-Count`.
    pub fn antwoord<T: ToSchema + Serialize>(
        &self,
        totaal: u64,
        resultaten: Vec<T>,
    ) -> HttpResponse {
        self.pagina(totaal, resultaten).respond()
    }

    /// Deze pagina van de resultaten, met links die de queryparameters behouden.
    pub fn pagina<T: ToSchema + Serialize>(&self, totaal: u64, resultaten: Vec<T>) -> Pagina<T> {
        Pagina::new(&self.req, self.pagina, totaal, resultaten)
    }

    /// Deze pagina van een kleine, vaste lijst die al in het geheugen staat (de
    /// stappenplannen, de agenda-sjablonen); het antwoord zoals [`Lijst::antwoord`].
    /// `gewijzigd_op` geeft per item zijn `gewijzigdOp` (`None`: het veranderde niet
    /// sinds de uitgave, en valt weg onder `gewijzigdSinds`).
    pub fn in_geheugen<T: ToSchema + Serialize>(
        &self,
        alle: Vec<T>,
        gewijzigd_op: impl Fn(&T) -> Option<DateTime<Utc>>,
    ) -> HttpResponse {
        let mut alle: Vec<T> = match self.pagina.gewijzigd_sinds {
            Some(sinds) => alle
                .into_iter()
                .filter(|t| gewijzigd_op(t).is_some_and(|op| op >= sinds))
                .collect(),
            None => alle,
        };
        match self.pagina.op_wijziging {
            Some(Richting::Af) => alle.sort_by_key(|t| std::cmp::Reverse(gewijzigd_op(t))),
            Some(Richting::Op) => alle.sort_by_key(|t| gewijzigd_op(t)),
            None => {}
        }
        let totaal = alle.len() as u64;
        let pagina = alle
            .into_iter()
            .skip(usize::try_from(self.pagina.offset()).unwrap_or(usize::MAX))
            .take(usize::try_from(self.pagina.pagina_grootte()).unwrap_or(usize::MAX))
            .collect();
        self.antwoord(totaal, pagina)
    }

    /// Telt en haalt deze pagina van `select` op en geeft elke rij weer met
    /// `weergave`; het antwoord zoals [`Lijst::antwoord`].
    pub async fn uit<E, C, T>(
        &self,
        select: Select<E>,
        db: &C,
        weergave: impl FnMut(E::Model) -> T,
    ) -> Result<HttpResponse, DbErr>
    where
        E: GewijzigdOp,
        E::Model: Sync,
        C: ConnectionTrait,
        T: ToSchema + Serialize,
    {
        let (totaal, rijen) = self.pagina.fetch(select, db).await?;
        Ok(self.antwoord(totaal, rijen.into_iter().map(weergave).collect()))
    }
}

impl<P: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for Lijst<P> {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        use actix_web::web::Query;
        let lijst = (|| {
            let pagina = Query::<PaginaParams>::from_request(req, payload).into_inner()?;
            let params = Query::<P>::from_request(req, payload).into_inner()?;
            Ok(Lijst {
                pagina: pagina.into_inner(),
                params: params.into_inner(),
                req: req.clone(),
            })
        })();
        std::future::ready(lijst)
    }
}

/// Voor een collectie zonder eigen filters.
#[derive(Debug, Default, Deserialize)]
pub struct GeenFilters {}

/// Een pagina uit een collectie.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Pagina<T: ToSchema> {
    #[serde(rename = "_links")]
    pub links: PaginaLinks,
    /// Het paginanummer van deze pagina.
    pub pagina: u64,
    /// Het aantal resultaten per pagina.
    pub pagina_grootte: u64,
    /// Het totale aantal resultaten over alle pagina's (ook in `X-Total-Count`).
    pub totaal_aantal: u64,
    /// Het aantal pagina's (minstens 1).
    pub aantal_paginas: u64,
    /// De resultaten op deze pagina.
    pub resultaten: Vec<T>,
}

impl<T: ToSchema + Serialize> Pagina<T> {
    /// Bouwt de pagina met links die de overige queryparameters van het verzoek behouden.
    pub fn new(req: &HttpRequest, params: PaginaParams, totaal: u64, resultaten: Vec<T>) -> Self {
        let grootte = params.pagina_grootte();
        let pagina = params.pagina();
        let laatste = totaal.div_ceil(grootte).max(1);
        let link = |n: u64| Link {
            href: page_href(req, n, grootte),
        };
        Pagina {
            links: PaginaLinks {
                self_: link(pagina),
                first: link(1),
                prev: (pagina > 1).then(|| link((pagina - 1).min(laatste))),
                next: (pagina < laatste).then(|| link(pagina + 1)),
                last: link(laatste),
            },
            pagina,
            pagina_grootte: grootte,
            totaal_aantal: totaal,
            aantal_paginas: laatste,
            resultaten,
        }
    }

    /// Het antwoord: 200 met de pagina als JSON en `X-Total-Count`.
    pub fn respond(self) -> HttpResponse {
        HttpResponse::Ok()
            .insert_header((TOTAL_COUNT_HEADER, self.totaal_aantal.to_string()))
            .json(self)
    }
}

/// Het pad van het verzoek met `pagina` en `paginaGrootte` vervangen.
fn page_href(req: &HttpRequest, pagina: u64, grootte: u64) -> String {
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    pairs.retain(|(k, _)| k != "pagina" && k != "paginaGrootte");
    pairs.push(("pagina".into(), pagina.to_string()));
    pairs.push(("paginaGrootte".into(), grootte.to_string()));
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{}?{}", req.path(), query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_and_clamping() {
        let p = PaginaParams {
            pagina: Some(3),
            pagina_grootte: Some(10),
            ..PaginaParams::default()
        };
        assert_eq!(p.offset(), 20);
        let p = PaginaParams::default();
        assert_eq!((p.pagina(), p.pagina_grootte(), p.offset()), (1, 20, 0));
    }

    #[test]
    fn alleen_gewijzigd_op_als_hele_waarde_sorteert_op_wijziging() {
        let lees = |q: &str| {
            serde_urlencoded::from_str::<PaginaParams>(q)
                .map(|p| p.op_wijziging)
                .ok()
        };
        assert_eq!(lees("sorteer=gewijzigdOp"), Some(Some(Richting::Op)));
        assert_eq!(lees("sorteer=-gewijzigdOp"), Some(Some(Richting::Af)));
        assert_eq!(lees("sorteer=naam"), Some(None));
        assert_eq!(lees("sorteer=naam,gewijzigdOp"), Some(None));
        assert_eq!(lees(""), Some(None));
    }
}
