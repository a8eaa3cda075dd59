//! Pure regels van het domein: geen actix, geen sea-orm, alleen waarden erin en
//! waarden eruit, met unit-tests ernaast.

pub mod bijeenkomst;
pub mod codes;
pub mod dna;
pub mod geld;
pub mod gezondheid;
pub mod grondslag;
pub mod initiatief;
pub mod leidraad;
pub mod melding;
pub mod oefening;
pub mod sleutelpersoon;
pub mod sociale_kaart;
pub mod stappenplan;
pub mod tijd;
pub mod waarschuwing;
pub mod wachtwoord;
pub mod wijzigingen;

/// De toestanden uit `alle` waar `regel` vanuit `van` heen laat gaan, in de volgorde
/// van `alle`: wat een afgewezen overgang wél kan.
pub fn volgende<S: Copy>(
    alle: impl IntoIterator<Item = S>,
    van: S,
    regel: impl Fn(S, S) -> bool,
) -> Vec<S> {
    alle.into_iter().filter(|naar| regel(van, *naar)).collect()
}

/// Alle paren (van, naar) uit `alle` die `regel` toestaat, in de volgorde van
/// `alle`: om een overgangsregel in één keer helemaal te toetsen.
#[cfg(test)]
pub(crate) fn toegestane_overgangen<T: Copy>(
    alle: &[T],
    regel: impl Fn(T, T) -> bool,
) -> Vec<(T, T)> {
    alle.iter()
        .flat_map(|v| alle.iter().map(move |n| (*v, *n)))
        .filter(|(v, n)| regel(*v, *n))
        .collect()
}
