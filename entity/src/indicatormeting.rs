use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "indicatormeting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub gebied_id: Uuid,
    pub peildatum: Date,
    pub bron: String,
    pub burgerinitiatieven_per_1000: Option<f64>,
    pub vrijwilligerswerk_percentage: Option<f64>,
    pub verenigingslidmaatschap_percentage: Option<f64>,
    pub buurthuisbezoek_per_1000: Option<f64>,
    pub verkiezingsopkomst_percentage: Option<f64>,
    pub overlastregistraties_per_1000: Option<f64>,
    pub leefbaarometer: Option<f64>,
    pub inwoners_kennen_elkaar: Option<bool>,
    pub groeten_elkaar_op_straat: Option<bool>,
    pub grootste_deel_geboren_en_getogen: Option<bool>,
    pub weten_waar_kwetsbaren_zijn: Option<bool>,
    pub kennen_en_spreken_buren: Option<bool>,
    pub buurtfeesten: Option<bool>,
    pub wonen_en_werken_in_zelfde_gebied: Option<bool>,
    pub created_at: DateTimeUtc,
    pub ingetrokken_op: Option<DateTimeUtc>,
    pub ingetrokken_reden: Option<String>,
    pub ingetrokken_door: Option<Uuid>,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
