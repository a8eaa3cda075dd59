# Bouwt `weefsel` en levert een klein image zonder compiler of andere bouwtools.
# Gebouwd en gedraaid met podman op 2026-11-25 (README, "Uitrollen").
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin weefsel

FROM debian:bookworm-slim
# Een gebruiker zonder shell en zonder home; de dienst draait nooit als root.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin weefsel \
    && mkdir -p /var/lib/weefsel && chown 10001:10001 /var/lib/weefsel
COPY --from=build /src/target/release/weefsel /usr/local/bin/weefsel
# De werkmap: in ontwikkeling (`dev`) staat hier `.weefsel/audit-sleutels`; in productie
# komt de sleutel uit WEEFSEL_AUDIT_KEY_FILE (een gemount geheim).
WORKDIR /var/lib/weefsel
USER 10001:10001
# Standaard productie: zonder eigen DATABASE_URL en WEEFSEL_SIGNING_KEY_FILE start de
# dienst niet (docker-compose.yml zet voor ontwikkeling `development`).
ENV WEEFSEL_ENV=production \
    WEEFSEL_LISTEN=0.0.0.0:8080 \
    WEEFSEL_LOG_FORMAT=json
EXPOSE 8080
# Leeft het proces en antwoordt het? (`/health/live`; de database toetst `--ready`.)
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
    CMD ["weefsel", "healthcheck"]
ENTRYPOINT ["weefsel"]
CMD ["serve"]
