# Build: docker build -t langflow-persistence .
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN useradd --system --home /data langflow && mkdir -p /data && chown langflow /data
COPY --from=build /src/target/release/langflow-persistence /usr/local/bin/langflow-persistence
USER langflow
ENV LANGFLOW_HOST=0.0.0.0 LANGFLOW_CONFIG_DIR=/data
EXPOSE 7860
VOLUME /data
ENTRYPOINT ["langflow-persistence"]
CMD ["serve"]
