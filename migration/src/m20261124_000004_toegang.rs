//! Wie toegang tot persoonsgegevens beheert (issue 9): tokengeneraties en tijdelijke
//! wachtwoorden.
//!
//! - `token_generatie` van een gebruiker of koppeling staat in elk token (`gen`);
//!   een nieuw wachtwoord of secret en elke deactivering verhogen haar, zodat een
//!   token van daarvoor nooit meer werkt, ook niet na heractiveren.
//! - `wachtwoord_tijdelijk`: een wachtwoord dat een ander dan de gebruiker zelf zette;
//!   met zo'n wachtwoord komt er geen token, alleen een nieuw wachtwoord via
//!   `POST /api/v1/auth/wachtwoord`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE gebruiker
    ADD COLUMN token_generatie integer NOT NULL DEFAULT 1 CHECK (token_generatie > 0),
    ADD COLUMN wachtwoord_tijdelijk boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN gebruiker.token_generatie IS 'Tokens met een andere generatie (claim gen) gelden niet';
COMMENT ON COLUMN gebruiker.wachtwoord_tijdelijk IS 'Gezet door een beheerder; eerst zelf een nieuw wachtwoord kiezen';
ALTER TABLE koppeling
    ADD COLUMN token_generatie integer NOT NULL DEFAULT 1 CHECK (token_generatie > 0);
COMMENT ON COLUMN koppeling.token_generatie IS 'Tokens met een andere generatie (claim gen) gelden niet';
"#;

const DOWN: &str = r#"
ALTER TABLE koppeling DROP COLUMN token_generatie;
ALTER TABLE gebruiker DROP COLUMN wachtwoord_tijdelijk, DROP COLUMN token_generatie;
"#;

crate::sql_migratie!(UP, DOWN);
