# Bouwt `weefsel` en levert een klein image zonder compiler.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin weefsel

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --no-create-home weefsel
COPY --from=build /src/target/release/weefsel /usr/local/bin/weefsel
USER weefsel
ENV WEEFSEL_LISTEN=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["weefsel"]
CMD ["serve"]
