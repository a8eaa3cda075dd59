//! De tenantgrens, op één plek.
//!
//! Elke handler met gemeentelijke gegevens neemt een [`Context`]: de geverifieerde
//! aanroeper plus een databasetransactie waarin de gemeente van die aanroeper al is
//! gezet. Twee muren:
//!
//! 1. de applicatie: [`Context::scoped`] en [`Context::find`] beperken elke query
//!    tot de eigen gemeente (regionale rollen lezen alle); een id van een andere
//!    gemeente geeft daardoor 404, alsof het niet bestaat;
//! 2. de database: de dienst werkt als rol `weefsel_app`, die geen tabel bezit, en
//!    elke tabel met gemeentelijke rijen heeft row-level security op de instellingen
//!    `weefsel.gemeente` en `weefsel.regio` die hier met `set_config(..., true)`
//!    (`SET LOCAL`) aan het begin van de transactie worden gezet. Een query die zijn
//!    filter vergeet, ziet nog steeds alleen de eigen gemeente.

use crate::http::problem::Foutcode;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, dev::Payload, web};
use sea_orm::sea_query::LockType;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbBackend, EntityTrait, IntoActiveModel, PrimaryKeyToColumn,
    PrimaryKeyTrait, QueryFilter, QuerySelect, Select, Statement,
};
use tracing_actix_web::RootSpan;
use uuid::Uuid;

use crate::audit::{self, Actie, Regel, Wijzigingen};
use crate::auth::{self, Caller, Recht, TokenKeys};
use crate::domein::codes::GemeenteCode;
use crate::http::contract::RequestId;
use crate::http::grenzen::{self, Grenzen};
use crate::http::invoer::{Fouten, Invoer};
use crate::http::problem::{ApiError, ApiResult, Code};

/// Een rij met een id en (meestal) een gemeente, voor de audit trail.
pub trait HeeftId {
    fn id(&self) -> Uuid;
    /// De gemeente waaronder de regel in de audit trail komt (`None`: regionaal).
    fn gemeente(&self) -> Option<Uuid>;
}

/// Een entiteit met een gemeente per rij.
pub trait TenantOwned: EntityTrait {
    fn gemeente_column() -> Self::Column;
}

/// Registreert een entiteit met kolom `gemeente_id` als [`TenantOwned`]; elke module
/// doet dat in haar `mod.rs` voor de tabellen die zij bezit.
#[macro_export]
macro_rules! tenant_owned {
    ($($entity:ident)::+) => {
        impl $crate::tenancy::TenantOwned for $($entity)::+::Entity {
            fn gemeente_column() -> Self::Column {
                $($entity)::+::Column::GemeenteId
            }
        }
    };
    ($($entity:ident)::+, id) => {
        $crate::tenancy::tenant_owned!($($entity)::+);
        impl $crate::tenancy::HeeftId for $($entity)::+::Model {
            fn id(&self) -> uuid::Uuid {
                self.id
            }
            fn gemeente(&self) -> Option<uuid::Uuid> {
                self.gemeente_id.into()
            }
        }
    };
}
pub use tenant_owned;

mod bron;
pub mod idempotentie;
pub mod poort;
pub use bron::{Bron, Onder};

/// Een gemeente die de aanroeper overziet ([`Context::overziene_gemeenten`]).
#[derive(Debug, Clone)]
pub struct OverzieneGemeente {
    pub id: Uuid,
    /// De CBS-code.
    pub code: String,
    pub naam: String,
}

/// De aanroeper en de transactie van één verzoek. Zonder [`Context::commit`] wordt
/// de transactie teruggedraaid: een fout laat niets achter.
pub struct Context {
    pub caller: Caller,
    request_id: Option<String>,
    /// Het `X-Request-Id` van de client, alleen ter correlatie in het verwerkingenlogboek.
    correlatie_id: Option<String>,
    tx: DatabaseTransaction,
    gemeenten: Option<web::Data<GemeentenRegister>>,
    /// De pool, de grenzen en de sleutel van de aanroeper voor de limiet op het lezen
    /// van persoonsgegevens (buiten de transactie geteld, zodat een 429 de telling niet
    /// terugdraait).
    limiet: Option<(DatabaseConnection, web::Data<Grenzen>, String)>,
    /// De sleutels van de audit trail ([`audit::sleutels`]); zonder: geen mutaties.
    audit_sleutels: Option<web::Data<audit::AuditSleutels>>,
    /// Welke waarden de audit trail vastlegt ([`audit::Waardenlijst`]).
    audit_waarden: Option<web::Data<audit::Waardenlijst>>,
    /// De `Idempotency-Key` die dit verzoek claimde: zijn antwoord wordt vlak vóór de
    /// commit bewaard ([`idempotentie`]).
    idempotentie: Option<idempotentie::Geclaimd>,
}

/// Id → CBS-code van de elf gemeenten.
pub type Codes = HashMap<Uuid, String>;

/// Id → CBS-code van alle gemeenten (elf rijen), om representaties te vullen.
pub async fn codes(db: &impl ConnectionTrait) -> Result<Codes, sea_orm::DbErr> {
    use sea_orm::EntityTrait;
    Ok(entity::gemeente::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.code))
        .collect())
}

/// Het id van de gemeente met CBS-code `code`.
pub fn id_for(codes: &Codes, code: &str) -> Option<Uuid> {
    codes.iter().find(|(_, c)| *c == code).map(|(id, _)| *id)
}

/// De vaste identiteit van de gemeenten (id en code), één keer per proces uit de
/// database gelezen en daarna uit het geheugen. Instellingen van een gemeente (zoals
/// de groottedrempel) horen hier niet: die veranderen en worden gelezen in de query
/// die ze nodig heeft.
#[derive(Default)]
pub struct GemeentenRegister(tokio::sync::OnceCell<Arc<Codes>>);

impl GemeentenRegister {
    pub async fn codes(&self, db: &impl ConnectionTrait) -> Result<Arc<Codes>, sea_orm::DbErr> {
        self.0
            .get_or_try_init(|| async { codes(db).await.map(Arc::new) })
            .await
            .cloned()
    }
}

impl Context {
    /// Controleert het token, zoekt het account op en opent de transactie met de
    /// tenantinstellingen van deze aanroeper.
    pub async fn open(
        db: &DatabaseConnection,
        keys: &TokenKeys,
        token: &str,
        request_id: Option<String>,
    ) -> ApiResult<Context> {
        Context::voor(db, &Context::identiteit(keys, token)?, request_id).await
    }

    fn identiteit(keys: &TokenKeys, token: &str) -> ApiResult<auth::Identity> {
        keys.verify(token)
            .map_err(|reason| ApiError::Unauthorized(reason.into()))
    }

    /// De context van een al vastgestelde identiteit (zoals na een gecontroleerd
    /// wachtwoord bij `POST /auth/wachtwoord`).
    pub async fn voor(
        db: &DatabaseConnection,
        identity: &auth::Identity,
        request_id: Option<String>,
    ) -> ApiResult<Context> {
        let identity = identity.clone();
        let tx = crate::db::begin(db).await?;
        let caller = auth::load_caller(&tx, &identity).await?;
        Ok(Context {
            caller,
            request_id,
            correlatie_id: None,
            tx,
            gemeenten: None,
            limiet: None,
            audit_sleutels: None,
            audit_waarden: None,
            idempotentie: None,
        })
    }

    /// Id → CBS-code van de gemeenten, uit het geheugen van de dienst.
    pub async fn codes(&self) -> ApiResult<Arc<Codes>> {
        Ok(match &self.gemeenten {
            Some(register) => register.codes(&self.tx).await?,
            None => Arc::new(codes(&self.tx).await?),
        })
    }

    /// De gemeenten die de aanroeper overziet (de regio alle, een gemeente zichzelf;
    /// met `code` alleen die), op naam en nooit op iets anders: het dashboard en de
    /// werklijst rangschikken geen gemeenten. Uit het geheugen (de vaste lijst en het
    /// register van ids).
    pub async fn overziene_gemeenten(
        &self,
        code: Option<&str>,
    ) -> ApiResult<Vec<OverzieneGemeente>> {
        let codes = self.codes().await?;
        let eigen = self.gemeente_id();
        if eigen.is_none() && !self.caller.is_regionaal() {
            return Ok(Vec::new());
        }
        let mut lijst: Vec<OverzieneGemeente> = codes
            .iter()
            .filter(|(id, c)| {
                eigen.is_none_or(|e| e == **id)
                    && code.is_none_or(|gevraagd| gevraagd == c.as_str())
            })
            .filter_map(|(id, c)| {
                migration::gemeenten::GEMEENTEN
                    .iter()
                    .find(|g| g.code == c)
                    .map(|g| OverzieneGemeente {
                        id: *id,
                        code: c.clone(),
                        naam: g.naam.to_owned(),
                    })
            })
            .collect();
        lijst.sort_by(|a, b| a.naam.cmp(&b.naam));
        Ok(lijst)
    }

    /// De transactie: alle queries van het verzoek gaan hierdoor.
    pub fn db(&self) -> &DatabaseTransaction {
        &self.tx
    }

    pub fn require(&self, recht: Recht) -> ApiResult<()> {
        self.caller.require(recht)
    }

    /// Wie een account of koppeling van gemeente `gemeente` (of een regionaal account:
    /// `None`) aanmaakt, wijzigt, (de)activeert of een wachtwoord of secret geeft: voor
    /// een gemeente alleen haar `gemeente_beheerder` (403 `alleen_gemeente_beheerder`;
    /// de tenancy beperkt hem al tot de eigen gemeente), voor de regio alleen de
    /// `regio_beheerder`.
    pub fn beheert_account(&self, gemeente: Option<Uuid>) -> ApiResult<()> {
        match gemeente {
            Some(_) => self.require(Recht::GemeenteToegangBeheren),
            None => self.require(Recht::RegionaleRollenToekennen),
        }
    }

    /// De gemeente van de aanroeper, of `None` voor een regionale rol.
    pub fn gemeente_id(&self) -> Option<Uuid> {
        self.caller.gemeente.as_ref().map(|g| g.id)
    }

    /// De gemeente van een nieuwe resource, uit het veld `gemeente` van de body: een
    /// gemeentelijke aanroeper krijgt altijd de eigen gemeente (een andere noemen is
    /// 400 `niet_toegestaan`), een regionale aanroeper moet er een noemen als
    /// `required`. Fouten gaan in `fouten`.
    pub fn target_gemeente(
        &self,
        gevraagd: Option<&GemeenteCode>,
        codes: &Codes,
        required: bool,
        wat: &str,
        fouten: &mut Fouten,
    ) -> Option<Uuid> {
        match (&self.caller.gemeente, gevraagd) {
            (Some(eigen), Some(code)) if code.as_str() != eigen.code => {
                fouten.reject(
                    "gemeente",
                    Foutcode::NietToegestaan,
                    format!(
                        "U kunt alleen {wat} van uw eigen gemeente ({}) aanmaken.",
                        eigen.code
                    ),
                );
                None
            }
            (Some(eigen), _) => Some(eigen.id),
            (None, Some(code)) => {
                let id = id_for(codes, code.as_str());
                if id.is_none() {
                    fouten.reject(
                        "gemeente",
                        Foutcode::Ongeldig,
                        "Onbekende gemeente; gebruik een CBS-code uit /api/v1/gemeenten.",
                    );
                }
                id
            }
            (None, None) => {
                if required {
                    fouten.reject(
                        "gemeente",
                        Foutcode::Verplicht,
                        format!("Noem de gemeente van de {wat}."),
                    );
                }
                None
            }
        }
    }

    /// De eigen gemeente van een aanroeper die gemeentelijke gegevens schrijft; een
    /// regionale aanroeper heeft er geen (403).
    pub fn eigen_gemeente(&self) -> ApiResult<Uuid> {
        self.gemeente_id().ok_or_else(|| {
            ApiError::Forbidden(
                Code::AlleenGemeente,
                "Alleen een gebruiker of koppeling van een gemeente schrijft gemeentelijke gegevens."
                    .into(),
            )
        })
    }

    /// [`Context::scoped`], en met `gemeente` (een CBS-code uit `?gemeente=`) alleen
    /// die gemeente; een onbekende code geeft een lege lijst.
    pub async fn scoped_in<E: TenantOwned>(
        &self,
        select: Select<E>,
        gemeente: Option<&str>,
    ) -> ApiResult<Select<E>> {
        let select = self.scoped(select);
        let Some(code) = gemeente else {
            return Ok(select);
        };
        let codes = self.codes().await?;
        Ok(select.filter(E::gemeente_column().eq(id_for(&codes, code))))
    }

    /// Beperkt een query tot wat de aanroeper mag zien.
    pub fn scoped<E: TenantOwned>(&self, select: Select<E>) -> Select<E> {
        if self.caller.is_regionaal() {
            return select;
        }
        match self.gemeente_id() {
            Some(id) => select.filter(E::gemeente_column().eq(id)),
            // Geen gemeente en geen regionale rol: niets.
            None => select.filter(sea_orm::sea_query::Expr::value(false)),
        }
    }

    /// Eén rij op id binnen de scope van de aanroeper; anders 404.
    pub async fn find<E>(&self, id: Uuid) -> ApiResult<E::Model>
    where
        E: TenantOwned,
        <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        self.scoped(E::find_by_id(id))
            .one(&self.tx)
            .await?
            .ok_or(ApiError::NotFound)
    }

    /// Als [`Context::find`], voor een rij waarnaar dit verzoek gaat verwijzen: ze
    /// blijft tot het einde van de transactie staan (`FOR KEY SHARE`). Een
    /// gelijktijdige verwijdering wacht en ziet daarna de nieuwe verwijzing (409 van
    /// haar eigen controle), of was eerder en dan bestaat de rij niet meer.
    pub async fn find_om_te_verwijzen<E>(&self, id: Uuid) -> ApiResult<E::Model>
    where
        E: TenantOwned,
        <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        self.scoped(E::find_by_id(id))
            .lock(LockType::KeyShare)
            .one(&self.tx)
            .await?
            .ok_or(ApiError::NotFound)
    }

    /// De rij waarnaar veld `veld` van de invoer verwijst (een id), binnen de scope van
    /// de aanroeper en vastgehouden als bij [`Context::find_om_te_verwijzen`]. Zonder
    /// (geldig) id `None`; bestaat de rij niet (of hoort ze bij een andere gemeente),
    /// dan een fout op dat veld en `None`. Een databasefout is een 500, nooit "bestaat
    /// niet".
    pub async fn verwijzing<E, T>(
        &self,
        invoer: &mut Invoer<T>,
        veld: &str,
    ) -> ApiResult<Option<E::Model>>
    where
        E: TenantOwned,
        <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
        T: serde::de::DeserializeOwned + utoipa::ToSchema,
    {
        let Some(id) = invoer.veld::<Uuid>(veld) else {
            return Ok(None);
        };
        match self.find_om_te_verwijzen::<E>(id).await {
            Ok(model) => Ok(Some(model)),
            Err(ApiError::NotFound) => {
                invoer.fouten().reject(
                    veld,
                    Foutcode::Ongeldig,
                    "Dit bestaat niet in uw gemeente.",
                );
                Ok(None)
            }
            Err(error) => Err(error),
        }
    }

    /// Als [`Context::verwijzing`] voor een lijst ids in veld `veld`: bestaat er één
    /// niet in de scope van de aanroeper, dan een fout op dat veld.
    pub async fn verwijzingen<E, T>(&self, invoer: &mut Invoer<T>, veld: &str) -> ApiResult<()>
    where
        E: TenantOwned,
        E::Model: HeeftId,
        T: serde::de::DeserializeOwned + utoipa::ToSchema,
    {
        let Some(ids) = invoer.veld::<Vec<Uuid>>(veld) else {
            return Ok(());
        };
        if ids.is_empty() {
            return Ok(());
        }
        let pk = <E::PrimaryKey as sea_orm::Iterable>::iter()
            .next()
            .map(|k| k.into_column())
            .ok_or_else(|| ApiError::Internal("geen primaire sleutel".into()))?;
        let gevonden = self
            .scoped(E::find())
            .filter(pk.is_in(ids.clone()))
            .lock(LockType::KeyShare)
            .all(&self.tx)
            .await?;
        let bekend: std::collections::HashSet<Uuid> = gevonden.iter().map(HeeftId::id).collect();
        if ids.iter().any(|id| !bekend.contains(id)) {
            invoer.fouten().reject(
                veld,
                Foutcode::Ongeldig,
                "Niet elk id bestaat in uw gemeente.",
            );
        }
        Ok(())
    }

    /// Eén wijziger tegelijk voor wat `sleutel` noemt (een advisory lock tot het einde
    /// van de transactie), voor regels die meer dan één rij lezen: de eerste
    /// `gemeente_beheerder` van een gemeente, de boom van gebieden. De tweede wacht
    /// en leest daarna wat de eerste bewaarde.
    pub async fn een_tegelijk(&self, sleutel: &str) -> ApiResult<()> {
        self.tx
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                [sleutel.into()],
            ))
            .await?;
        Ok(())
    }

    /// Als [`Context::find`], en vergrendelt de rij tot het einde van de transactie:
    /// een gelijktijdige wijziging wacht, en ziet daarna de nieuwe versie (412).
    pub async fn find_for_update<E>(&self, id: Uuid) -> ApiResult<E::Model>
    where
        E: TenantOwned,
        <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        self.scoped(E::find_by_id(id))
            .lock_exclusive()
            .one(&self.tx)
            .await?
            .ok_or(ApiError::NotFound)
    }

    /// Bewaart een wijziging met haar regel in de audit trail, in deze transactie: de
    /// versie en `updated_at` zet het model zelf, een dubbele unieke waarde wordt
    /// via `conflict` een 409. Zonder wijzigingen bewaart het niets (`None`).
    pub async fn bewaar_wijziging<A>(
        &self,
        resource: &'static str,
        gemeente_id: Option<Uuid>,
        model: A,
        wijzigingen: Wijzigingen,
        conflict: fn(sea_orm::DbErr) -> ApiError,
    ) -> ApiResult<Option<<A::Entity as EntityTrait>::Model>>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send + 'static,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A> + HeeftId,
    {
        if wijzigingen.is_empty() {
            return Ok(None);
        }
        let model = model.update(&self.tx).await.map_err(conflict)?;
        self.vastleggen(
            Actie::Gewijzigd,
            resource,
            gemeente_id,
            model.id(),
            wijzigingen,
        )
        .await?;
        Ok(Some(model))
    }

    /// Legt een mutatie van één resource vast in de audit trail, in deze transactie.
    pub async fn vastleggen(
        &self,
        actie: Actie,
        resource: &'static str,
        gemeente_id: Option<Uuid>,
        resource_id: impl ToString,
        wijzigingen: Wijzigingen,
    ) -> ApiResult<()> {
        self.audit(Regel {
            gemeente_id,
            resource,
            resource_id: resource_id.to_string(),
            actie,
            wijzigingen,
        })
        .await
    }

    /// Met de sleutels en de allowlist van de audit trail (uit de app-data van de
    /// dienst).
    pub fn met_audit(mut self, req: &HttpRequest) -> Self {
        self.audit_sleutels = req.app_data::<web::Data<audit::AuditSleutels>>().cloned();
        self.audit_waarden = req.app_data::<web::Data<audit::Waardenlijst>>().cloned();
        self
    }

    /// Legt een mutatie vast in de audit trail, in deze transactie.
    pub async fn audit(&self, regel: Regel) -> ApiResult<()> {
        let sleutels = self
            .audit_sleutels
            .as_ref()
            .ok_or_else(|| ApiError::Internal("de sleutels van de audit trail ontbreken".into()))?;
        let lijst = self.audit_waarden.as_ref().ok_or_else(|| {
            ApiError::Internal("de allowlist van de audit trail ontbreekt".into())
        })?;
        audit::record(
            &self.tx,
            sleutels,
            lijst,
            self.caller.actor,
            self.request_id.as_deref(),
            regel,
        )
        .await?;
        Ok(())
    }

    /// Legt in het verwerkingenlogboek vast dat dit verzoek persoonsgegevens van
    /// `personen` verwerkte ([`audit::verwerking`]): één regel met de set, in deze
    /// transactie. Telt ook mee voor de limiet op het lezen van persoonsgegevens per
    /// aanroeper (`WEEFSEL_LIMIET_PERSOONSGEGEVENS`): daarboven 429 met `Retry-After`
    /// en gaat er niets weg.
    pub async fn verwerkt(
        &self,
        personen: &[Uuid],
        handeling: audit::verwerking::Handeling,
        activiteit: audit::verwerking::Activiteit,
    ) -> ApiResult<()> {
        let Some(gemeente_id) = self.gemeente_id() else {
            // Alleen gemeentelijke aanroepers zien persoonsgegevens.
            return Ok(());
        };
        if personen.is_empty() {
            return Ok(());
        }
        if let Some((pool, grenzen, sleutel)) = &self.limiet {
            grenzen::persoonsgegevens(pool, grenzen, sleutel).await?;
        }
        let verzoek = audit::verwerking::Verzoek {
            actor: self.caller.actor,
            request_id: self.request_id.as_deref(),
            correlatie_id: self.correlatie_id.as_deref(),
        };
        audit::verwerking::vastleggen(
            &self.tx,
            &verzoek,
            gemeente_id,
            personen,
            handeling,
            activiteit,
        )
        .await?;
        Ok(())
    }

    /// Het request-id van dit verzoek.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    pub async fn commit(self) -> ApiResult<()> {
        self.tx.commit().await?;
        Ok(())
    }

    /// Commit en geeft dan `response`: een antwoord gaat pas weg als alles vastligt.
    /// Onder een `Idempotency-Key` wordt het in dezelfde transactie bewaard.
    pub async fn commit_then(self, response: HttpResponse) -> ApiResult<HttpResponse> {
        let response = match &self.idempotentie {
            Some(geclaimd) => idempotentie::bewaren(&self.tx, geclaimd, response).await?,
            None => response,
        };
        self.commit().await?;
        Ok(response)
    }
}

impl FromRequest for Context {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = auth::bearer_token(req).map(str::to_owned);
        let db = req.app_data::<web::Data<DatabaseConnection>>().cloned();
        let keys = req.app_data::<web::Data<TokenKeys>>().cloned();
        let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
        let register = req.app_data::<web::Data<GemeentenRegister>>().cloned();
        let span = req.extensions().get::<RootSpan>().cloned();
        // Schrijvende verzoeken tellen mee voor de limiet per account of koppeling; meestal
        // deed de poort dat al, vóór de body ([`poort`]).
        let geteld = req.extensions().get::<poort::LimietGeteld>().is_some();
        let grenzen = (!req.method().is_safe() && !geteld)
            .then(|| req.app_data::<web::Data<Grenzen>>().cloned())
            .flatten();
        let verzoek = req.clone();
        let correlatie_id = req
            .extensions()
            .get::<crate::http::contract::CorrelatieId>()
            .map(|c| c.0.clone());
        let persoonsgrenzen = req.app_data::<web::Data<Grenzen>>().cloned();
        let tellers = req
            .app_data::<web::Data<grenzen::Tellerpool>>()
            .map(|t| t.0.clone());
        let claim = req.extensions().get::<idempotentie::Claim>().cloned();
        let patroon = req.match_pattern();
        let zichtbaarheid = req
            .app_data::<web::Data<crate::auth::zichtbaarheid::filter::Zichtbaarheid>>()
            .cloned();
        Box::pin(async move {
            let token = token?;
            let (Some(db), Some(keys)) = (db, keys) else {
                return Err(ApiError::Internal("database of sleutels ontbreken".into()));
            };
            let identity = Context::identiteit(&keys, &token)?;
            if let Some(grenzen) = grenzen {
                grenzen::schrijven(&db, &grenzen, &identity.limietsleutel()).await?;
            }
            let mut context = Context::voor(&db, &identity, request_id)
                .await?
                .met_audit(&verzoek);
            context.gemeenten = register;
            context.correlatie_id = correlatie_id;
            let tellers = tellers.unwrap_or_else(|| db.get_ref().clone());
            context.limiet = persoonsgrenzen.map(|g| (tellers, g, identity.limietsleutel()));
            context.idempotentie = idempotentie::claimen(
                &context,
                claim,
                patroon.as_deref(),
                zichtbaarheid.as_ref().map(|z| z.get_ref()),
            )
            .await?;
            verzoek
                .extensions_mut()
                .insert(crate::auth::zichtbaarheid::Lezer::van(&context.caller));
            if let Some(span) = span.filter(|span| !span.is_disabled()) {
                let caller = &context.caller;
                if let Some(gemeente) = &caller.gemeente {
                    span.record("gemeente", gemeente.code.as_str());
                }
                if let Some(id) = caller.actor.id() {
                    span.record("gebruiker", format!("{}:{id}", caller.actor.soort()));
                }
            }
            Ok(context)
        })
    }
}
