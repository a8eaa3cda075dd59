//! Sleutelpersonen: het record voor wie het mag lezen, de persoonsgegevens achter
//! hun eigen row-level security, het verwerkingenlogboek bij elke verwerking, de
//! anonimisering en de inzage (DOMAIN.md, "Personal data").

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod aanmaken;
mod bezwaar;
mod checkins;
mod gekoppeld;
mod handlers;
mod invoer;
mod inzage;
mod persoon;
mod regels;
mod weergave;
mod wijzigen;

use invoer::{DelenGroep, DelenMet};

pub use gekoppeld::{InzageAudit, InzageRecord, InzageVeld};

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(sleutelpersoon => UpdatedAt);
crate::gewijzigd_op!(sleutelpersoon_checkin => CreatedAt);

crate::tenancy::tenant_owned!(entity::sleutelpersoon, id);
crate::tenancy::tenant_owned!(entity::sleutelpersoon_gegevens);
crate::tenancy::tenant_owned!(entity::sleutelpersoon_status);
crate::tenancy::tenant_owned!(entity::sleutelpersoon_checkin, id);
crate::tenancy::tenant_owned!(entity::sleutelpersoon_bezwaar, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Sleutelpersonen", description = "Sleutelpersonen met hun levensloop en toestemming. Persoonsgegevens ziet alleen de gemeente zelf (coördinator, gemeente_beheerder, koppelingen met sleutelpersonen.lezen); elke verwerking staat in het verwerkingenlogboek. Zoeken op naam alleen met POST /sleutelpersonen/_zoek.")),
    components(schemas(entity::soorten::SleutelpersoonType, entity::soorten::SleutelpersoonStatus, DelenMet, DelenGroep))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listCheckins", Toegang::Recht(Recht::PersoonsgegevensLezen)),
        ("getCheckin", Toegang::Recht(Recht::PersoonsgegevensLezen)),
        ("getBezwaar", Toegang::Recht(Recht::PersoonsgegevensLezen)),
        (
            "createBezwaar",
            Toegang::Recht(Recht::SleutelpersonenSchrijven),
        ),
        (
            "createCheckin",
            Toegang::Recht(Recht::SleutelpersonenSchrijven),
        ),
        (
            "listSleutelpersonen",
            Toegang::Recht(Recht::SleutelpersonenLezen),
        ),
        (
            "zoekSleutelpersonen",
            Toegang::Recht(Recht::SleutelpersonenLezen),
        ),
        (
            "getSleutelpersoon",
            Toegang::Recht(Recht::SleutelpersonenLezen),
        ),
        (
            "createSleutelpersoon",
            Toegang::Recht(Recht::SleutelpersonenSchrijven),
        ),
        (
            "updateSleutelpersoon",
            Toegang::Recht(Recht::SleutelpersonenSchrijven),
        ),
        (
            "anonimiseerSleutelpersoon",
            Toegang::Recht(Recht::SleutelpersonenSchrijven),
        ),
        (
            "inzageSleutelpersoon",
            Toegang::Recht(Recht::SleutelpersonenLezen),
        ),
    ],
    routes: configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &[
        "sleutelpersoon",
        "sleutelpersoon_gegevens",
        "sleutelpersoon_status",
        "sleutelpersoon_checkin",
        "sleutelpersoon_bezwaar",
    ],
    audit_waarden: &[
        crate::audit::Waarden {
            resource: "sleutelpersoon_checkin",
            velden: &["sleutelpersoonId", "datum"],
        },
        crate::audit::Waarden {
            resource: "sleutelpersoon",
            velden: &[
                "gebiedId",
                "typen",
                "status",
                "statusSinds",
                "wervingsmethode",
                "voorgedragenDoor",
                "uitstroomreden",
                "exitgesprek",
                "buddyId",
                "laatsteContact",
                "verhoogdRisico",
                "bewaartermijnTot",
                "geanonimiseerd",
            ],
        },
    ],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweSleutelpersoon>(),
        InvoerSchema::van::<invoer::SleutelpersoonWijziging>(),
        InvoerSchema::van::<invoer::SleutelpersoonZoekvraag>(),
        InvoerSchema::van::<checkins::NieuweCheckin>(),
        InvoerSchema::van::<bezwaar::NieuwBezwaar>(),
    ],
};

/// Welke van deze sleutelpersonen de aanroeper mag zien: wie hun persoonsgegevens
/// ziet (de leesregel van `sleutelpersoon_gegevens`: de gemeente met toegang tot
/// persoonsgegevens, en bij verhoogd risico alleen de genoemde ambtenaren). Voor
/// lijsten van aanwezigen en deelnemers, in één query per pagina.
pub async fn zichtbaar(
    ctx: &crate::tenancy::Context,
    ids: impl IntoIterator<Item = uuid::Uuid>,
) -> crate::http::problem::ApiResult<std::collections::HashSet<uuid::Uuid>> {
    use entity::sleutelpersoon_gegevens as g;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let ids: Vec<uuid::Uuid> = ids.into_iter().collect();
    // Ook zonder ids één query: een lijst doet dan voor elke pagina evenveel werk.
    if !ctx.caller.has(crate::auth::Recht::PersoonsgegevensLezen) {
        return Ok(Default::default());
    }
    let zichtbaar: Vec<uuid::Uuid> = g::Entity::find()
        .select_only()
        .column(g::Column::SleutelpersoonId)
        .filter(g::Column::SleutelpersoonId.is_in(ids))
        .into_tuple()
        .all(ctx.db())
        .await?;
    Ok(zichtbaar.into_iter().collect())
}

/// Een nieuwe lijst ids van sleutelpersonen (aanwezigen, deelnemers) die de
/// aanroeper niet allemaal ziet: wie hij niet ziet, blijft staan zoals het was.
pub fn met_verborgen(
    nieuw: Vec<uuid::Uuid>,
    oud: &[uuid::Uuid],
    zichtbaar: &std::collections::HashSet<uuid::Uuid>,
) -> Vec<uuid::Uuid> {
    let mut lijst = nieuw;
    for id in oud {
        if !zichtbaar.contains(id) && !lijst.contains(id) {
            lijst.push(*id);
        }
    }
    lijst
}

/// Is de aanroeper een van de genoemde ambtenaren van deze persoon, of heeft ze geen
/// verhoogd risico? Een koppeling is nooit genoemd.
pub fn genoemd(ctx: &crate::tenancy::Context, persoon: &entity::sleutelpersoon::Model) -> bool {
    !persoon.verhoogd_risico
        || matches!(ctx.caller.actor, crate::auth::Actor::Gebruiker(id) if persoon.zichtbaar_voor.contains(&id))
}

/// Zichtbaarheid is een eigenschap van de persoon, niet van het endpoint (issue 29):
/// elke schrijfactie over een persoon met verhoogd risico — het record, toestemming en
/// status, lidmaatschappen, check-ins, meldingen, deelname aan bijeenkomsten en
/// oefeningen — is voor de genoemde ambtenaren. Voor ieder ander bestaat de persoon
/// daar niet: 404, zoals bij lezen. Eén query voor alle `ids`.
pub async fn schrijft_over(
    ctx: &crate::tenancy::Context,
    ids: impl IntoIterator<Item = uuid::Uuid>,
) -> crate::http::problem::ApiResult<()> {
    use entity::sleutelpersoon as s;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let ids: Vec<uuid::Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut select = s::Entity::find()
        .filter(s::Column::Id.is_in(ids))
        .filter(s::Column::VerhoogdRisico.eq(true));
    if let crate::auth::Actor::Gebruiker(id) = ctx.caller.actor {
        select = select.filter(Expr::cust_with_values(
            "NOT ($1 = ANY (zichtbaar_voor))",
            [id],
        ));
    }
    if ctx.scoped(select).count(ctx.db()).await? > 0 {
        return Err(crate::http::problem::ApiError::NotFound);
    }
    Ok(())
}

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &[
            "Sleutelpersoon",
            "NieuweSleutelpersoon",
            "SleutelpersoonWijziging",
        ],
        velden: &[
            Veld::persoonsgegevens(
                "toestemming",
                "De toestemming van de persoon, met haar doel in vrije tekst.",
            ),
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::persoonsgegevens("voornaam", "Persoonsgegevens van de sleutelpersoon."),
            Veld::persoonsgegevens("achternaam", "Persoonsgegevens van de sleutelpersoon."),
            Veld::persoonsgegevens("email", "Persoonsgegevens van de sleutelpersoon."),
            Veld::persoonsgegevens("telefoon", "Persoonsgegevens van de sleutelpersoon."),
            Veld::persoonsgegevens("achterban", "Persoonsgegevens van de sleutelpersoon."),
            Veld::persoonsgegevens("notities", "Persoonsgegevens van de sleutelpersoon."),
            Veld::persoonsgegevens("opvolgers", "Persoonsgegevens van de sleutelpersoon."),
            Veld::persoonsgegevens(
                "levensbeschouwing",
                "Persoonsgegevens van de sleutelpersoon.",
            ),
            Veld::persoonsgegevens(
                "tijdsinvestering",
                "Persoonsgegevens van de sleutelpersoon.",
            ),
            Veld::persoonsgegevens("diversiteit", "Persoonsgegevens van de sleutelpersoon."),
            Veld::persoonsgegevens(
                "afspraak",
                "De afspraak met de persoon over gebruik en delen (onder publieke_taak).",
            ),
        ],
    },
    Velden {
        schemas: &["Bezwaar", "NieuwBezwaar"],
        velden: &[
            Veld::naam(
                "motivering",
                "Vrije tekst over de persoon die ook anderen kan noemen.",
            ),
            Veld::openbaar("actorSoort", "gebruiker of koppeling."),
        ],
    },
    Velden {
        schemas: &["Toestemming"],
        velden: &[Veld::persoonsgegevens(
            "doel",
            "Het doel van de toestemming: vrije tekst over de persoon.",
        )],
    },
    Velden {
        schemas: &["Checkin", "NieuweCheckin"],
        velden: &[
            Veld::naam("notitie", "Vrije tekst die mensen kan noemen."),
            Veld::openbaar("actorSoort", "gebruiker of koppeling."),
        ],
    },
    Velden {
        schemas: &["SleutelpersoonZoekvraag"],
        velden: &[Veld::persoonsgegevens(
            "tekst",
            "Een naam of deel ervan: daarom in de body en niet in de URL.",
        )],
    },
    Velden {
        schemas: &["InzageVerwerking"],
        velden: &[Veld::openbaar(
            "actorSoort",
            "gebruiker, koppeling of systeem.",
        )],
    },
    Velden {
        schemas: &["InzageRecord"],
        velden: &[Veld::openbaar(
            "soort",
            "De naam van een schema in dit document.",
        )],
    },
    Velden {
        schemas: &["InzageVeld"],
        velden: &[Veld::openbaar(
            "naam",
            "De naam van een veld in dit document.",
        )],
    },
    Velden {
        schemas: &["InzageAudit"],
        velden: &[
            Veld::openbaar("resource", "De soort resource."),
            Veld::openbaar("resourceId", "Het id van de resource."),
            Veld::openbaar("actie", "Een vaste handeling."),
            Veld::openbaar("actorSoort", "gebruiker, koppeling of systeem."),
        ],
    },
];

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::list)
        .service(handlers::zoek)
        .service(handlers::get)
        .service(handlers::create)
        .service(handlers::update)
        .service(handlers::anonimiseer)
        .service(handlers::inzage)
        .service(bezwaar::create_bezwaar)
        .service(bezwaar::get_bezwaar)
        .service(checkins::list_checkins)
        .service(checkins::get_checkin)
        .service(checkins::create_checkin);
}
