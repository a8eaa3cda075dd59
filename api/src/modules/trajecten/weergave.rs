//! De representatie van een traject met zijn stappen en besluit.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use entity::soorten::AanvullingSoort;
use entity::{
    leidraad_aanvulling, traject, traject_aanpakwissel, traject_besluit, traject_stap,
    traject_verbinder,
};
use sea_orm::{ColumnTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::bij_stap::Gekoppeld;
pub(super) use super::wissel::VervallenAntwoord;
use crate::auth::Recht;
use crate::domein::leidraad::{Inhoud, LeidraadStap, StapBron, Vinkje};
use crate::domein::stappenplan::{
    BESLISSTAP, Benoeming, BesluitSoort, Overgangen, Plan, StapStatus, Stappen, VerbinderRol,
    verbinder_waarschuwingen, voor_beslismoment,
};
use crate::domein::waarschuwing::Waarschuwing;
use crate::http::problem::ApiResult;
use crate::modules::kolommen;
use crate::modules::stappenplannen::{self, StapLeidraad};
use crate::tenancy::{Bron, Codes, Context};

pub use entity::soorten::{BesluitKeuze, TrajectStatus};

pub(super) const RESOURCE: &str = "traject";

/// Eén stap van een traject.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Stap {
    pub nummer: i16,
    pub naam: String,
    pub status: StapStatus,
    pub gestart_op: Option<NaiveDate>,
    pub afgerond_op: Option<NaiveDate>,
    /// Notities bij de stap. Ze kunnen mensen noemen: alleen de coördinator en
    /// gemeente_beheerder van de gemeente en koppelingen met `sleutelpersonen.lezen`
    /// krijgen ze. Voor anderen, de regio inbegrepen, ontbreekt het veld; zie
    /// `persoonsgegevens` van het traject. `null`: geen notities.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub notities: Option<Option<String>>,
    /// De leidraad van de stap: de versie van het traject, met de aanvullingen van de
    /// gemeente.
    pub leidraad: StapLeidraad,
    /// De antwoorden op de vragen van de leidraad. Ze kunnen mensen noemen en
    /// ontbreken voor wie geen persoonsgegevens ziet (zoals `notities`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub antwoorden: Option<Vec<Antwoord>>,
    /// Elk checklistpunt van de leidraad, afgevinkt of niet.
    pub checklist: Vec<Vinkstatus>,
    /// Het netwerk dat de stap vormde.
    pub netwerk_id: Option<Uuid>,
    /// De bijeenkomsten die bij deze stap horen (`trajectId` en `stap`).
    pub bijeenkomst_ids: Vec<Uuid>,
    /// De oefeningen die bij deze stap horen.
    pub oefening_ids: Vec<Uuid>,
    /// De besluiten van deze stap: bij `weerbaarheid` het beslismoment bij stap 4 en
    /// de evaluaties (uit het plan van aanpak) bij stap 5; dezelfde als in
    /// `besluiten` van het traject.
    pub besluiten: Vec<Besluit>,
}

/// Een antwoord op een vraag van de leidraad.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Antwoord {
    pub sleutel: String,
    /// Vrije tekst die mensen kan noemen.
    pub antwoord: String,
    /// `true`: de vraag staat niet meer in de leidraad (een verwijderde aanvulling);
    /// het antwoord blijft leesbaar maar verandert niet meer.
    pub alleen_lezen: bool,
}

/// Een checklistpunt van een stap: afgevinkt, door wie en wanneer.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Vinkstatus {
    pub sleutel: String,
    pub afgevinkt: bool,
    /// Wie het afvinkte (gebruiker- of koppeling-id).
    pub door: Option<Uuid>,
    pub op: Option<DateTime<Utc>>,
    /// `true`: het punt staat niet meer in de leidraad (een verwijderde aanvulling).
    pub alleen_lezen: bool,
}

/// Een besluit van het weerbaarheidsplan: op het beslismoment sluit `go` stap 4 af,
/// houdt `nog_niet` stap 4 bezig tot een later besluit, en stopt `no_go` ("past niet")
/// het traject; daarna is elk besluit een evaluatie (`go`: door, `no_go`: stop).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Besluit {
    pub besluit: BesluitKeuze,
    /// `beslismoment` tot en met de eerste `go`, `evaluatie` daarna; de dienst zet het.
    pub soort: BesluitSoort,
    /// De reden. Ze kan mensen noemen en ontbreekt voor wie geen persoonsgegevens
    /// ziet (zoals `notities` van een stap).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reden: Option<String>,
    pub datum: NaiveDate,
    /// Wie het besluit vastlegde (gebruiker- of koppeling-id).
    pub door: Option<Uuid>,
}

/// Een overstap van het traject op een andere aanpak.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Aanpakwissel {
    pub van: Plan,
    pub naar: Plan,
    /// De reden. Ze kan mensen noemen en ontbreekt voor wie geen persoonsgegevens ziet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reden: Option<String>,
    pub datum: NaiveDate,
    /// Wie de wissel vastlegde (gebruiker- of koppeling-id).
    pub door: Option<Uuid>,
}

/// Een verbinder van het traject, met zijn benoeming.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Verbinder {
    /// Een gebruiker van de gemeente.
    pub gebruiker_id: Uuid,
    pub rol: VerbinderRol,
    /// Begin van de benoeming (de handreiking: minstens drie jaar).
    pub vanaf: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
}

/// Een traject met zijn stappen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Traject {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    /// Het gebied, of `null` voor een traject van een netwerk.
    pub gebied_id: Option<Uuid>,
    /// Het netwerk van een traject voor een gemeenschap, anders `null`.
    pub netwerk_id: Option<Uuid>,
    pub aanpak: Plan,
    /// De versie van de leidraad van `aanpak` waarmee het traject begon; het blijft
    /// erop, ook als de regio een nieuwe publiceert.
    pub leidraad_versie: i32,
    pub naam: Option<String>,
    pub status: TrajectStatus,
    /// Wat het DNA-profiel van het gebied bij de start adviseerde.
    pub voorgestelde_aanpak: Vec<String>,
    /// De eerste stap die nog niet afgerond of overgeslagen is.
    pub huidige_stap: Option<i16>,
    pub stappen: Vec<Stap>,
    /// De besluiten van het beslismoment en de evaluaties daarna, oudste eerst; na een
    /// `no_go` komt er geen meer.
    pub besluiten: Vec<Besluit>,
    /// Wijk- en gemeenteverbinders: een duo of een klein team.
    pub verbinders: Vec<Verbinder>,
    /// Elke overstap op een andere aanpak, oudste eerst.
    pub aanpak_historie: Vec<Aanpakwissel>,
    /// Antwoorden en vinkjes van vóór een aanpakwissel waarvan de sleutel in de nieuwe
    /// leidraad niet bestaat: alleen lezen. Ze kunnen mensen noemen en ontbreken voor
    /// wie geen persoonsgegevens ziet (zoals `notities`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vervallen_antwoorden: Option<Vec<VervallenAntwoord>>,
    /// Aandachtspunten, elk met een vaste `code`: een ontbrekende verbinder
    /// (`verbinder_ontbreekt`), één persoon in beide rollen (`verbinder_dubbel`), een
    /// benoeming zonder startdatum (`aanstelling_zonder_begin`) of korter dan drie jaar
    /// (`aanstelling_te_kort`), werk aan stap 5–12 vóór een go (`voor_beslismoment`).
    pub waarschuwingen: Vec<Waarschuwing>,
    /// `true` als deze aanroeper `notities` en `reden` krijgt (de coördinator en
    /// gemeente_beheerder van de gemeente, koppelingen met `sleutelpersonen.lezen`);
    /// `false` als ze zijn weggelaten.
    pub persoonsgegevens: bool,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

/// Wat bij een traject hoort: stappen, besluiten en verbinders, en de bijeenkomsten
/// en oefeningen per stap.
#[derive(Debug, Default)]
pub(super) struct Delen {
    pub stappen: Vec<traject_stap::Model>,
    pub besluiten: Vec<traject_besluit::Model>,
    pub verbinders: Vec<traject_verbinder::Model>,
    pub wissels: Vec<traject_aanpakwissel::Model>,
    pub bijeenkomsten: HashMap<i16, Vec<Uuid>>,
    pub oefeningen: HashMap<i16, Vec<Uuid>>,
}

impl Delen {
    /// Is er een `go`?
    pub fn go(&self) -> bool {
        self.besluiten.iter().any(|b| b.besluit == BesluitKeuze::Go)
    }

    /// De keuzes van de besluiten tot nu toe.
    pub fn keuzes(&self) -> Vec<BesluitKeuze> {
        self.besluiten.iter().map(|b| b.besluit).collect()
    }
}

/// De leidraad die de trajecten van een pagina nodig hebben: de inhoud van hun
/// versies en de aanvullingen van hun gemeenten (ook verwijderde, voor de antwoorden
/// die erop staan), in twee queries.
#[derive(Debug, Default)]
pub(super) struct Leidraden {
    inhouden: HashMap<(Plan, i32), Inhoud>,
    aanvullingen: Vec<leidraad_aanvulling::Model>,
}

impl Leidraden {
    pub(super) async fn van(ctx: &Context, rijen: &[traject::Model]) -> ApiResult<Self> {
        let mut versies: Vec<(Plan, i32)> = rijen
            .iter()
            .map(|t| (t.aanpak, t.leidraad_versie))
            .collect();
        versies.sort_unstable();
        versies.dedup();
        let inhouden = stappenplannen::leidraad::inhouden(ctx, &versies).await?;
        let mut plannen: Vec<Plan> = versies.iter().map(|(p, _)| *p).collect();
        plannen.dedup();
        let aanvullingen = stappenplannen::leidraad::aanvullingen(ctx, &plannen, true).await?;
        Ok(Leidraden {
            inhouden,
            aanvullingen,
        })
    }

    /// De leidraad van stap `nummer` van traject `t`, met de (niet verwijderde)
    /// aanvullingen van zijn gemeente.
    pub(super) fn stap(&self, t: &traject::Model, nummer: i16, codes: &Codes) -> StapGids {
        let basis = self
            .inhouden
            .get(&(t.aanpak, t.leidraad_versie))
            .and_then(|i| i.stap(nummer))
            .cloned()
            .unwrap_or_else(|| leeg(t.aanpak, nummer));
        let actief: Vec<_> = self
            .aanvullingen
            .iter()
            .filter(|a| a.gemeente_id == t.gemeente_id && a.aanpak == t.aanpak && a.stap == nummer)
            .filter(|a| a.verwijderd_op.is_none())
            .collect();
        let soort = |lijst: &[&leidraad_aanvulling::Model], soort: AanvullingSoort| {
            lijst
                .iter()
                .filter(|a| a.soort == soort)
                .map(|a| a.sleutel.clone())
                .collect::<Vec<_>>()
        };
        let mut vragen: Vec<String> = basis.vragen.iter().map(|p| p.sleutel.clone()).collect();
        vragen.extend(soort(&actief, AanvullingSoort::Vraag));
        let mut checklist: Vec<String> =
            basis.checklist.iter().map(|p| p.sleutel.clone()).collect();
        checklist.extend(soort(&actief, AanvullingSoort::Checklist));
        let leidraad = StapLeidraad::van(
            basis,
            actief
                .into_iter()
                .map(|a| stappenplannen::aanvulling(a.clone(), codes))
                .collect(),
        );
        StapGids {
            leidraad,
            vragen,
            checklist,
        }
    }
}

/// Een stap zonder leidraad (een versie die er niet meer is: komt niet voor).
fn leeg(plan: Plan, nummer: i16) -> LeidraadStap {
    let naam = plan
        .stappen()
        .iter()
        .find(|(n, _)| *n == nummer)
        .map(|(_, naam)| (*naam).to_owned())
        .unwrap_or_default();
    LeidraadStap {
        nummer,
        naam,
        doel: String::new(),
        bron: StapBron {
            document: String::new(),
            paragraaf: String::new(),
        },
        activiteiten: Vec::new(),
        vragen: Vec::new(),
        checklist: Vec::new(),
        agenda_sjablonen: Vec::new(),
    }
}

/// De leidraad van een stap met de sleutels die ze kent: de vragen en de checklist
/// van de versie en de actieve aanvullingen.
pub(super) struct StapGids {
    pub leidraad: StapLeidraad,
    pub vragen: Vec<String>,
    pub checklist: Vec<String>,
}

/// De antwoorden van een stap (sleutel → tekst), uit de database.
pub(super) fn antwoorden_van(waarde: &serde_json::Value) -> BTreeMap<String, String> {
    kolommen::json(waarde)
}

/// De vinkjes van een stap (sleutel → door, op), uit de database.
pub(super) fn vinkjes_van(waarde: &serde_json::Value) -> BTreeMap<String, Vinkje<DateTime<Utc>>> {
    kolommen::json(waarde)
}

fn stap_weergave(
    s: traject_stap::Model,
    gids: StapGids,
    gemaakt: Gemaakt,
    persoonsgegevens: bool,
) -> Stap {
    let antwoorden = persoonsgegevens.then(|| {
        antwoorden_van(&s.antwoorden)
            .into_iter()
            .map(|(sleutel, antwoord)| Antwoord {
                alleen_lezen: !gids.vragen.contains(&sleutel),
                sleutel,
                antwoord,
            })
            .collect()
    });
    let vinkjes = vinkjes_van(&s.afgevinkt);
    let mut checklist: Vec<Vinkstatus> = gids
        .checklist
        .iter()
        .map(|sleutel| {
            let v = vinkjes.get(sleutel);
            Vinkstatus {
                sleutel: sleutel.clone(),
                afgevinkt: v.is_some(),
                door: v.and_then(|v| v.door),
                op: v.map(|v| v.op),
                alleen_lezen: false,
            }
        })
        .collect();
    checklist.extend(
        vinkjes
            .iter()
            .filter(|(k, _)| !gids.checklist.contains(k))
            .map(|(sleutel, v)| Vinkstatus {
                sleutel: sleutel.clone(),
                afgevinkt: true,
                door: v.door,
                op: Some(v.op),
                alleen_lezen: true,
            }),
    );
    Stap {
        nummer: s.nummer,
        naam: gids.leidraad.naam.clone(),
        status: s.status,
        gestart_op: s.gestart_op,
        afgerond_op: s.afgerond_op,
        notities: persoonsgegevens.then_some(s.notities),
        leidraad: gids.leidraad,
        antwoorden,
        checklist,
        netwerk_id: s.netwerk_id,
        bijeenkomst_ids: gemaakt.bijeenkomsten,
        oefening_ids: gemaakt.oefeningen,
        besluiten: gemaakt.besluiten,
    }
}

/// Wat een stap voortbracht: bijeenkomsten, oefeningen en besluiten.
#[derive(Debug, Default)]
struct Gemaakt {
    bijeenkomsten: Vec<Uuid>,
    oefeningen: Vec<Uuid>,
    besluiten: Vec<Besluit>,
}

/// Bij welke stap een besluit hoort: het beslismoment bij stap 4, een evaluatie bij
/// het plan van aanpak (stap 5), dat haar momenten noemt.
fn stap_van_besluit(soort: BesluitSoort) -> i16 {
    match soort {
        BesluitSoort::Beslismoment => BESLISSTAP,
        BesluitSoort::Evaluatie => BESLISSTAP + 1,
    }
}

/// De besluiten, oudste eerst; de reden alleen voor wie persoonsgegevens ziet.
fn besluiten_weergave(
    mut besluiten: Vec<traject_besluit::Model>,
    persoonsgegevens: bool,
) -> Vec<Besluit> {
    besluiten.sort_by_key(|b| b.created_at);
    besluiten
        .into_iter()
        .map(|b| Besluit {
            besluit: b.besluit,
            soort: b.soort,
            reden: persoonsgegevens.then_some(b.reden),
            datum: b.datum,
            door: b.door,
        })
        .collect()
}

/// De aanpakwissels, oudste eerst; de reden alleen voor wie persoonsgegevens ziet.
fn historie(
    mut wissels: Vec<traject_aanpakwissel::Model>,
    persoonsgegevens: bool,
) -> Vec<Aanpakwissel> {
    wissels.sort_by_key(|w| w.created_at);
    wissels
        .into_iter()
        .map(|w| Aanpakwissel {
            van: w.van,
            naar: w.naar,
            reden: persoonsgegevens.then_some(w.reden),
            datum: w.datum,
            door: w.door,
        })
        .collect()
}

pub(super) fn representatie(
    m: traject::Model,
    delen: Delen,
    codes: &HashMap<Uuid, String>,
    leidraden: &Leidraden,
    persoonsgegevens: bool,
) -> Traject {
    let plan = m.aanpak;
    let go = delen.go();
    let besluiten = besluiten_weergave(delen.besluiten, persoonsgegevens);
    let (mut bijeenkomsten, mut oefeningen) = (delen.bijeenkomsten, delen.oefeningen);
    let mut stappen: Vec<Stap> = delen
        .stappen
        .into_iter()
        .map(|s| {
            let nummer = s.nummer;
            let leidraad = leidraden.stap(&m, nummer, codes);
            let gemaakt = Gemaakt {
                bijeenkomsten: bijeenkomsten.remove(&nummer).unwrap_or_default(),
                oefeningen: oefeningen.remove(&nummer).unwrap_or_default(),
                besluiten: besluiten
                    .iter()
                    .filter(|b| stap_van_besluit(b.soort) == nummer)
                    .cloned()
                    .collect(),
            };
            stap_weergave(s, leidraad, gemaakt, persoonsgegevens)
        })
        .collect();
    stappen.sort_by_key(|s| s.nummer);
    let huidige_stap = stappen.iter().find(|s| !s.status.klaar()).map(|s| s.nummer);
    let aanpak_historie = historie(delen.wissels, persoonsgegevens);
    let mut verbinders = delen.verbinders;
    verbinders.sort_by_key(|v| (v.rol, v.vanaf, v.gebruiker_id));
    let benoemingen: Vec<Benoeming<Uuid>> = verbinders
        .iter()
        .map(|v| Benoeming {
            persoon: v.gebruiker_id,
            rol: v.rol,
            vanaf: v.vanaf,
            tot: v.tot,
        })
        .collect();
    let statussen = stappen.iter().map(|s| (s.nummer, s.status));
    let waarschuwingen = verbinder_waarschuwingen(plan, &benoemingen)
        .into_iter()
        .chain(voor_beslismoment(plan, go, statussen))
        .map(Waarschuwing::from)
        .collect();
    Traject {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        gebied_id: m.gebied_id,
        netwerk_id: m.netwerk_id,
        aanpak: plan,
        leidraad_versie: m.leidraad_versie,
        naam: m.naam,
        status: m.status,
        voorgestelde_aanpak: m.voorgestelde_aanpak,
        huidige_stap,
        stappen,
        besluiten,
        verbinders: verbinders
            .into_iter()
            .map(|v| Verbinder {
                gebruiker_id: v.gebruiker_id,
                rol: v.rol,
                vanaf: v.vanaf,
                tot: v.tot,
            })
            .collect(),
        aanpak_historie,
        vervallen_antwoorden: persoonsgegevens.then(|| kolommen::json(&m.vervallen)),
        waarschuwingen,
        persoonsgegevens,
        aangemaakt_op: m.created_at,
        gewijzigd_op: m.updated_at,
    }
}

/// De rijen van `E` van deze trajecten, per traject.
async fn per_traject<E>(
    ctx: &Context,
    ids: &[Uuid],
    kolom: E::Column,
    traject: fn(&E::Model) -> Uuid,
) -> ApiResult<HashMap<Uuid, Vec<E::Model>>>
where
    E: crate::tenancy::TenantOwned,
{
    let mut per: HashMap<Uuid, Vec<E::Model>> = HashMap::new();
    for rij in ctx
        .scoped(E::find())
        .filter(kolom.is_in(ids.to_vec()))
        .all(ctx.db())
        .await?
    {
        per.entry(traject(&rij)).or_default().push(rij);
    }
    Ok(per)
}

/// De stappen, besluiten en verbinders van deze trajecten: drie queries, hoeveel
/// trajecten het ook zijn.
pub(super) async fn delen_van(ctx: &Context, ids: &[Uuid]) -> ApiResult<HashMap<Uuid, Delen>> {
    use traject_besluit as b;
    use traject_stap as s;
    use traject_verbinder as v;
    let mut stappen =
        per_traject::<s::Entity>(ctx, ids, s::Column::TrajectId, |r| r.traject_id).await?;
    let mut besluiten =
        per_traject::<b::Entity>(ctx, ids, b::Column::TrajectId, |r| r.traject_id).await?;
    let mut verbinders =
        per_traject::<v::Entity>(ctx, ids, v::Column::TrajectId, |r| r.traject_id).await?;
    let mut wissels = per_traject::<traject_aanpakwissel::Entity>(
        ctx,
        ids,
        traject_aanpakwissel::Column::TrajectId,
        |r| r.traject_id,
    )
    .await?;
    let mut gekoppeld = Gekoppeld::van(ctx, ids).await?;
    Ok(ids
        .iter()
        .map(|id| {
            let delen = Delen {
                stappen: stappen.remove(id).unwrap_or_default(),
                besluiten: besluiten.remove(id).unwrap_or_default(),
                verbinders: verbinders.remove(id).unwrap_or_default(),
                wissels: wissels.remove(id).unwrap_or_default(),
                bijeenkomsten: gekoppeld.bijeenkomsten.remove(id).unwrap_or_default(),
                oefeningen: gekoppeld.oefeningen.remove(id).unwrap_or_default(),
            };
            (*id, delen)
        })
        .collect())
}

/// De delen van één traject.
pub(super) async fn delen_van_een(ctx: &Context, id: Uuid) -> ApiResult<Delen> {
    Ok(delen_van(ctx, &[id]).await?.remove(&id).unwrap_or_default())
}

impl Bron for traject::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/trajecten";
    type Weergave = Traject;

    /// Met hun stappen, besluiten en verbinders (drie queries voor alle rijen); de
    /// namen van verbinders alleen voor wie persoonsgegevens leest.
    async fn weergaven(ctx: &Context, rijen: Vec<traject::Model>) -> ApiResult<Vec<Traject>> {
        let codes = ctx.codes().await?;
        let ids: Vec<Uuid> = rijen.iter().map(|t| t.id).collect();
        let mut delen = delen_van(ctx, &ids).await?;
        let leidraden = Leidraden::van(ctx, &rijen).await?;
        let persoonsgegevens = ctx.caller.has(Recht::PersoonsgegevensLezen);
        Ok(rijen
            .into_iter()
            .map(|t| {
                let d = delen.remove(&t.id).unwrap_or_default();
                representatie(t, d, &codes, &leidraden, persoonsgegevens)
            })
            .collect())
    }
}
