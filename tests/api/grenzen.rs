//! De grenzen van de HTTP-parser van actix (issue 9, punt 9). Die antwoorden komen
//! vóór elke middleware en zijn in actix-http vast (lege body, geen security
//! headers); de README beschrijft ze. Deze tests houden de beschrijving eerlijk.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::spawn_app;

/// Stuurt `verzoek` rauw over TCP en geeft het hele antwoord (de verbinding sluit).
async fn rauw(address: &str, verzoek: &[u8]) -> String {
    let host = address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host)
        .await
        .expect("verbinden");
    stream.write_all(verzoek).await.expect("schrijven");
    let mut antwoord = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut antwoord),
    )
    .await;
    String::from_utf8_lossy(&antwoord).into_owned()
}

fn met_headers(n: usize, lengte: usize) -> Vec<u8> {
    let mut verzoek = String::from("GET /api/v1/gemeenten HTTP/1.1\r\nHost: weefsel\r\n");
    for i in 0..n {
        verzoek.push_str(&format!("X-Extra-{i}: {}\r\n", "a".repeat(lengte)));
    }
    verzoek.push_str("Connection: close\r\n\r\n");
    verzoek.into_bytes()
}

#[tokio::test]
async fn the_documented_parser_limits_hold() {
    let app = spawn_app().await;
    // Binnen de grenzen (93 headers samen met Host en Connection): het gewone contract.
    let antwoord = rauw(&app.address, &met_headers(93, 10)).await;
    assert!(antwoord.starts_with("HTTP/1.1 401"), "{antwoord}");
    assert!(antwoord.contains("application/problem+json"), "{antwoord}");
    assert!(
        antwoord.contains("x-content-type-options: nosniff"),
        "{antwoord}"
    );

    // Meer dan 96 headers, of een kop boven 128 KiB: 431 zonder body.
    for verzoek in [met_headers(100, 10), met_headers(2, 70 * 1024)] {
        let antwoord = rauw(&app.address, &verzoek).await;
        assert!(antwoord.starts_with("HTTP/1.1 431"), "{antwoord:.200}");
        assert!(antwoord.contains("content-length: 0"), "{antwoord:.200}");
    }

    // Onleesbare framing: 400 zonder body.
    for verzoek in [
        &b"GET /api/v1/gemeenten HTTP/1.1\r\nHost: weefsel\r\nGeenDubbelePunt\r\n\r\n"[..],
        b"GET /api/v1/gemeenten HTTP/1.1\r\nHost: weefsel\r\nX-Nul: a\x00b\r\n\r\n",
        b"GET /api/v1/gemeenten HTTP/1.1 extra\r\nHost: weefsel\r\n\r\n",
        b"POST /api/v1/gebieden HTTP/1.1\r\nHost: weefsel\r\nContent-Length: abc\r\n\r\n",
    ] {
        let antwoord = rauw(&app.address, verzoek).await;
        assert!(
            antwoord.starts_with("HTTP/1.1 400"),
            "{}: {antwoord}",
            String::from_utf8_lossy(verzoek)
        );
        assert!(antwoord.contains("content-length: 0"), "{antwoord}");
    }
}
