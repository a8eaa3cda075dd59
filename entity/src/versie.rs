//! Versie en tijdstempels van wijzigbare rijen, op één plek: bij aanmaken versie 1
//! en `created_at`/`updated_at` nu; bij elke wijziging versie + 1 en `updated_at`
//! nu. Handlers zetten deze kolommen nooit zelf.

/// Een rij met een versie: die versie is haar `ETag`.
pub trait Versie {
    fn versie(&self) -> i32;
}

/// `ActiveModelBehavior` voor een entiteit met `version`, `created_at` en `updated_at`.
///
/// Met `account` (een gebruiker of koppeling) gaat bovendien `token_generatie` omhoog
/// als het account gedeactiveerd wordt; tokens van de vorige generatie gelden dan
/// niet meer, ook niet na heractiveren. Een nieuw wachtwoord of secret verhoogt haar
/// in dezelfde update die de hash zet (de hash staat niet in het model).
#[macro_export]
macro_rules! versiebeheer {
    ($($account:ident)?) => {
        impl $crate::Versie for Model {
            fn versie(&self) -> i32 {
                self.version
            }
        }

        #[async_trait::async_trait]
        impl ActiveModelBehavior for ActiveModel {
            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
            where
                C: ConnectionTrait,
            {
                let nu = chrono::Utc::now();
                if insert {
                    self.version = sea_orm::ActiveValue::Set(1);
                    if self.created_at.is_not_set() {
                        self.created_at = sea_orm::ActiveValue::Set(nu);
                    }
                } else {
                    let huidig = self.version.try_as_ref().copied().unwrap_or(0);
                    self.version = sea_orm::ActiveValue::Set(huidig + 1);
                    $(
                        let _ = stringify!($account);
                        if matches!(self.actief, sea_orm::ActiveValue::Set(false)) {
                            let generatie = self.token_generatie.try_as_ref().copied().unwrap_or(0);
                            self.token_generatie = sea_orm::ActiveValue::Set(generatie + 1);
                        }
                    )?
                }
                self.updated_at = sea_orm::ActiveValue::Set(nu);
                Ok(self)
            }
        }
    };
}

/// `ActiveModelBehavior` voor rijen zonder versie maar met `updated_at` (zoals de
/// stappen van een traject): elke opslag zet het tijdstip.
#[macro_export]
macro_rules! bijgewerkt {
    () => {
        #[async_trait::async_trait]
        impl ActiveModelBehavior for ActiveModel {
            async fn before_save<C>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr>
            where
                C: ConnectionTrait,
            {
                self.updated_at = sea_orm::ActiveValue::Set(chrono::Utc::now());
                Ok(self)
            }
        }
    };
}

/// De relatie van een gemeentelijke rij met haar gemeente (`gemeente_id`); voor elke
/// entiteit van een gemeente dezelfde.
#[macro_export]
macro_rules! van_gemeente {
    () => {
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {
            #[sea_orm(
                belongs_to = "super::gemeente::Entity",
                from = "Column::GemeenteId",
                to = "super::gemeente::Column::Id"
            )]
            Gemeente,
        }

        impl Related<super::gemeente::Entity> for Entity {
            fn to() -> RelationDef {
                Relation::Gemeente.def()
            }
        }
    };
}
