//! CSV voor wie het in een spreadsheet opent (Excel en LibreOffice met Nederlandse
//! instellingen): UTF-8 met BOM, puntkomma als scheidingsteken, één kopregel, getallen
//! met een decimale komma en bedragen in euro's (de JSON houdt centen). Een operatie
//! die het aanbiedt, kiest het met `Accept: text/csv` ([`gevraagd`]).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

/// Het mediatype.
pub const MEDIATYPE: &str = "text/csv; charset=utf-8";

/// Vraagt het verzoek om CSV (`Accept` noemt `text/csv`)?
pub fn gevraagd(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| {
            t.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("text/csv"))
        })
}

/// Eén cel.
#[derive(Debug, Clone, PartialEq)]
pub enum Cel {
    Tekst(String),
    Getal(i64),
    /// Een bedrag in eurocenten, geschreven als euro's met twee decimalen.
    Euro(i64),
    Decimaal(f64),
    Leeg,
    /// Een aantal onder de drempel: `<5`.
    Onderdrukt,
}

impl Cel {
    fn schrijf(&self) -> String {
        match self {
            Cel::Tekst(t) => tekst(t),
            Cel::Getal(n) => n.to_string(),
            Cel::Euro(c) => {
                let teken = if *c < 0 { "-" } else { "" };
                let c = c.unsigned_abs();
                format!("{teken}{},{:02}", c / 100, c % 100)
            }
            Cel::Decimaal(d) => {
                let s = format!("{d:.1}");
                s.replace('.', ",")
            }
            Cel::Leeg => String::new(),
            Cel::Onderdrukt => "<5".to_owned(),
        }
    }
}

/// Een tekstcel: tussen aanhalingstekens als dat moet, en nooit een formule (een
/// spreadsheet voert `=…`, `+…`, `-…` en `@…` anders uit).
fn tekst(t: &str) -> String {
    let veilig = if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{t}")
    } else {
        t.to_owned()
    };
    // RFC 4180: een cel met het scheidingsteken, een aanhalingsteken of een regeleinde
    // staat tussen aanhalingstekens; ook met een komma, zodat een lezer die de komma
    // als scheidingsteken raadt, dezelfde cellen ziet.
    if veilig.contains([';', ',', '"', '\n', '\r']) {
        format!("\"{}\"", veilig.replace('"', "\"\""))
    } else {
        veilig
    }
}

/// Een CSV-bestand in opbouw.
pub struct Csv {
    tekst: String,
}

impl Csv {
    /// Met deze kopregel.
    pub fn new(kop: &[&str]) -> Self {
        let mut csv = Csv {
            tekst: String::from("\u{feff}"),
        };
        csv.regel(kop.iter().map(|k| Cel::Tekst((*k).to_owned())).collect());
        csv
    }

    pub fn regel(&mut self, cellen: Vec<Cel>) {
        let regel: Vec<String> = cellen.iter().map(Cel::schrijf).collect();
        self.tekst.push_str(&regel.join(";"));
        self.tekst.push_str("\r\n");
    }

    pub fn tekst(&self) -> &str {
        &self.tekst
    }

    /// 200 met het bestand, te bewaren als `bestandsnaam`.
    pub fn antwoord(self, bestandsnaam: &str) -> HttpResponse {
        HttpResponse::Ok()
            .content_type(MEDIATYPE)
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{bestandsnaam}\""),
            ))
            .body(self.tekst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_puntkommas_decimale_komma_en_geen_formules() {
        let mut csv = Csv::new(&["naam", "bedrag", "aantal"]);
        csv.regel(vec![
            Cel::Tekst("Buurt; \"Oost\"".into()),
            Cel::Euro(123_456),
            Cel::Onderdrukt,
        ]);
        csv.regel(vec![
            Cel::Tekst("=SOM(A1)".into()),
            Cel::Euro(-5),
            Cel::Decimaal(12.5),
        ]);
        assert_eq!(
            csv.tekst(),
            "\u{feff}naam;bedrag;aantal\r\n\"Buurt; \"\"Oost\"\"\";1234,56;<5\r\n'=SOM(A1);-0,05;12,5\r\n"
        );
    }

    /// RFC 4180: elke cel met een scheidingsteken, aanhalingsteken of regeleinde (en een
    /// komma) staat tussen aanhalingstekens, met verdubbelde aanhalingstekens.
    #[test]
    fn cellen_met_scheidingsteken_aanhalingsteken_of_regeleinde_staan_tussen_aanhalingstekens() {
        for (cel, verwacht) in [
            ("a;b", "\"a;b\""),
            ("a,b", "\"a,b\""),
            ("zei \"ja\"", "\"zei \"\"ja\"\"\""),
            ("regel\nregel", "\"regel\nregel\""),
            ("regel\r\nregel", "\"regel\r\nregel\""),
            ("-1;2", "\"'-1;2\""),
            ("gewoon", "gewoon"),
        ] {
            assert_eq!(tekst(cel), verwacht, "{cel:?}");
        }
    }
}
