//! Eén resource van een gemeente, van rij tot antwoord: hoe een module haar rijen
//! weergeeft en waar ze staan, op één plek per module ([`Bron`]); tonen, een pagina,
//! aanmaken en wijzigen daarmee voor elke module hetzelfde ([`Context::toon`],
//! [`Context::pagina`], [`Context::aangemaakt`], [`Context::gewijzigd`]).

use std::future::Future;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use entity::Versie;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel,
    PrimaryKeyTrait, QueryFilter, Select,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Codes, Context, HeeftId, TenantOwned};
use crate::audit::{Actie, Wijzigingen};
use crate::http::etag::resource_response;
use crate::http::pagination::{GewijzigdOp, Lijst};
use crate::http::problem::{ApiError, ApiResult};

/// Een entiteit zoals de API haar toont. Elke module implementeert dit één keer voor
/// haar hoofdentiteit; de context doet de rest.
pub trait Bron: EntityTrait<Model: HeeftId + Versie + Clone + Sync>
where
    <Self::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    /// De naam in de audit trail (en in de allowlist van waardevelden).
    const RESOURCE: &'static str;
    type Weergave: Serialize + ToSchema;

    /// Het pad van de collectie, bv. `/api/v1/budgetten`; voor een rij
    /// [`Onder`] een ouder dat van de collectie van de ouder.
    const COLLECTIE: &'static str;

    /// Het pad van de rij: standaard `{COLLECTIE}/{id}`; een rij onder een ouder
    /// zegt hier haar eigen pad (`{COLLECTIE}/{ouder}/leden/{id}`).
    fn pad(rij: &Self::Model) -> String {
        format!("{}/{}", Self::COLLECTIE, rij.id())
    }

    /// De regel in de audit trail bij het aanmaken: standaard de waarden van de velden
    /// op de allowlist ([`Wijzigingen::aangemaakt`]); een bron met een vrij
    /// tekstveld dat gezet kan zijn, voegt dat hier bij naam toe.
    fn bij_aanmaken(_rij: &Self::Model, w: Wijzigingen) -> Wijzigingen {
        w
    }

    /// De weergave van `rijen`, in hun volgorde; wat ze samen nodig hebben (codes,
    /// namen van sleutelpersonen) haalt dit in één keer op.
    fn weergaven(
        ctx: &Context,
        rijen: Vec<Self::Model>,
    ) -> impl Future<Output = ApiResult<Vec<Self::Weergave>>>;
}

/// Een entiteit onder een andere, zoals de leden en afspraken van een netwerk: haar
/// pad en haar lijst gaan via de ouder, en een rij onder een andere ouder bestaat
/// daar niet (404).
pub trait Onder: TenantOwned {
    /// De kolom met het id van de ouder.
    fn ouder_kolom() -> Self::Column;
    fn ouder(rij: &Self::Model) -> Uuid;
}

impl Context {
    /// De rijen van `E` onder ouder `ouder_id`, binnen de scope van de aanroeper.
    pub fn onder<E: Onder>(&self, ouder_id: Uuid) -> Select<E> {
        self.scoped(E::find()).filter(E::ouder_kolom().eq(ouder_id))
    }

    /// Rij `id` van `E` onder ouder `ouder_id`, vergrendeld als bij
    /// [`Context::find_for_update`]; onder een andere ouder 404.
    pub async fn vind_onder<E>(&self, ouder_id: Uuid, id: Uuid) -> ApiResult<E::Model>
    where
        E: Onder,
        <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let rij = self.find_for_update::<E>(id).await?;
        if E::ouder(&rij) == ouder_id {
            Ok(rij)
        } else {
            Err(ApiError::NotFound)
        }
    }

    /// Elke rij weergegeven met de CBS-codes van de gemeenten: de
    /// [`Bron::weergaven`] van de meeste bronnen.
    pub async fn met_codes<M, W>(
        &self,
        rijen: Vec<M>,
        weergave: impl Fn(M, &Codes) -> W,
    ) -> ApiResult<Vec<W>> {
        let codes = self.codes().await?;
        Ok(rijen.into_iter().map(|rij| weergave(rij, &codes)).collect())
    }

    /// De weergave van één rij van `B`.
    pub async fn weergave<B>(&self, rij: B::Model) -> ApiResult<B::Weergave>
    where
        B: Bron,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        B::weergaven(self, vec![rij])
            .await?
            .pop()
            .ok_or_else(|| ApiError::Internal("weergave zonder rij".into()))
    }

    /// `status` met de weergave van `rij`, haar `ETag` en (bij 201) `Location`.
    pub async fn toon<B>(&self, status: StatusCode, rij: B::Model) -> ApiResult<HttpResponse>
    where
        B: Bron,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let (versie, pad) = (rij.versie(), B::pad(&rij));
        let weergave = self.weergave::<B>(rij).await?;
        Ok(resource_response(status, versie, &pad).json(weergave))
    }

    /// `GET /…/{id}`: de rij binnen de scope van de aanroeper (anders 404), getoond.
    pub async fn lees<B>(&self, id: Uuid) -> ApiResult<HttpResponse>
    where
        B: Bron + TenantOwned,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let rij = self.find::<B>(id).await?;
        self.toon::<B>(StatusCode::OK, rij).await
    }

    /// `GET /…/{id}/…/{subId}`: rij `id` onder ouder `ouder_id`, binnen de scope van de
    /// aanroeper (anders 404), getoond. Zo is de `Location` van elke rij onder een
    /// ouder te lezen.
    pub async fn lees_onder<B>(&self, ouder_id: Uuid, id: Uuid) -> ApiResult<HttpResponse>
    where
        B: Bron + Onder,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let rij = self
            .scoped(B::find_by_id(id))
            .filter(B::ouder_kolom().eq(ouder_id))
            .one(self.db())
            .await?
            .ok_or(ApiError::NotFound)?;
        self.toon::<B>(StatusCode::OK, rij).await
    }

    /// Deze pagina van `select` met het totaal, elke rij weergegeven (met
    /// `gewijzigdSinds` en `sorteer=gewijzigdOp`, [`GewijzigdOp`]).
    pub async fn pagina<B, P>(&self, lijst: &Lijst<P>, select: Select<B>) -> ApiResult<HttpResponse>
    where
        B: Bron + GewijzigdOp,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let (totaal, rijen) = lijst.pagina.fetch(select, self.db()).await?;
        let weergaven = B::weergaven(self, rijen).await?;
        Ok(lijst.antwoord(totaal, weergaven))
    }

    /// Het einde van elke `POST`: de nieuwe rij in de audit trail
    /// ([`Bron::bij_aanmaken`]), commit, 201.
    pub async fn aangemaakt<B>(self, rij: B::Model) -> ApiResult<HttpResponse>
    where
        B: Bron,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let (versie, pad) = (rij.versie(), B::pad(&rij));
        let weergave = self.aanmaken_vastleggen::<B>(rij).await?;
        let antwoord = resource_response(StatusCode::CREATED, versie, &pad).json(weergave);
        self.commit_then(antwoord).await
    }

    /// Als [`Context::aangemaakt`], met een eigen regel `w` voor de audit trail.
    pub async fn aangemaakt_met<B>(self, rij: B::Model, w: Wijzigingen) -> ApiResult<HttpResponse>
    where
        B: Bron,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        self.vastleggen(Actie::Aangemaakt, B::RESOURCE, rij.gemeente(), rij.id(), w)
            .await?;
        self.vastgelegd::<B>(StatusCode::CREATED, rij).await
    }

    /// Commit, dan `status` met de weergave van `rij` ([`Context::toon`]).
    pub async fn vastgelegd<B>(self, status: StatusCode, rij: B::Model) -> ApiResult<HttpResponse>
    where
        B: Bron,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let antwoord = self.toon::<B>(status, rij).await?;
        self.commit_then(antwoord).await
    }

    async fn aanmaken_vastleggen<B>(&self, rij: B::Model) -> ApiResult<B::Weergave>
    where
        B: Bron,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let weergave = self.weergave::<B>(rij.clone()).await?;
        let w = B::bij_aanmaken(&rij, Wijzigingen::aangemaakt(B::RESOURCE, &weergave));
        self.vastleggen(Actie::Aangemaakt, B::RESOURCE, rij.gemeente(), rij.id(), w)
            .await?;
        Ok(weergave)
    }

    /// Het einde van elke `DELETE`: rij `huidig` weg, in de audit trail (met
    /// `wijzigingen`), commit, 204.
    pub async fn verwijder<B>(self, huidig: &B::Model, w: Wijzigingen) -> ApiResult<HttpResponse>
    where
        B: Bron,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        B::delete_by_id(huidig.id()).exec(self.db()).await?;
        self.vastleggen(
            Actie::Verwijderd,
            B::RESOURCE,
            huidig.gemeente(),
            huidig.id(),
            w,
        )
        .await?;
        self.commit_then(HttpResponse::NoContent().finish()).await
    }

    /// Een `DELETE` van rij `id` onder ouder `ouder_id` (een partner of
    /// veiligheidsafspraak van een netwerk): vergrendeld gevonden, `If-Match`, weg.
    pub async fn verwijder_onder<B>(
        self,
        if_match: &crate::http::etag::IfMatch,
        ouder_id: Uuid,
        id: Uuid,
    ) -> ApiResult<HttpResponse>
    where
        B: Bron + Onder,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        let huidig = self.vind_onder::<B>(ouder_id, id).await?;
        if_match.check(huidig.versie())?;
        self.verwijder::<B>(&huidig, Wijzigingen::new()).await
    }

    /// Het einde van elke `PATCH`: bewaart `wijziging` van rij `huidig` met haar
    /// regel in de audit trail ([`Context::bewaar_wijziging`]; zonder wijzigingen
    /// niets), commit, 200 met de rij zoals ze nu is.
    pub async fn gewijzigd<B, A>(
        self,
        huidig: B::Model,
        wijziging: A,
        wijzigingen: Wijzigingen,
        conflict: fn(sea_orm::DbErr) -> ApiError,
    ) -> ApiResult<HttpResponse>
    where
        B: Bron + EntityTrait<ActiveModel = A>,
        <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
        A: ActiveModelTrait<Entity = B> + ActiveModelBehavior + Send + 'static,
        B::Model: IntoActiveModel<A>,
    {
        let gemeente = huidig.gemeente();
        let rij = self
            .bewaar_wijziging(B::RESOURCE, gemeente, wijziging, wijzigingen, conflict)
            .await?
            .unwrap_or(huidig);
        self.vastgelegd::<B>(StatusCode::OK, rij).await
    }
}
