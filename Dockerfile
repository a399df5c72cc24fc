# syntax=docker/dockerfile:1
# Strata, JVM image. Build from the repository root:
#   docker build -t strata:0.1.0 .
# Run:
#   docker run --rm -p 3100:3100 -v strata-data:/var/lib/strata strata:0.1.0

## Build: Maven 3.9 on Temurin 21; the Maven repository is a BuildKit cache between builds.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline || true
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

## Runtime: the Quarkus fast-jar layout on a plain JRE, as a non-root user.
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 strata \
 && useradd --system --uid 10001 --gid strata --home-dir /var/lib/strata --shell /usr/sbin/nologin strata \
 && mkdir -p /var/lib/strata /deployments/config \
 && chown strata:strata /var/lib/strata
WORKDIR /deployments
# Dependencies first: they change less often than the application, so their layer is reused.
COPY --from=build /src/target/quarkus-app/lib/ ./lib/
COPY --from=build /src/target/quarkus-app/quarkus/ ./quarkus/
COPY --from=build /src/target/quarkus-app/app/ ./app/
COPY --from=build /src/target/quarkus-app/quarkus-run.jar ./
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    STRATA_DATA_DIR=/var/lib/strata \
    JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
EXPOSE 3100
VOLUME /var/lib/strata
USER 10001:10001
# exec: java is PID 1 and receives SIGTERM, so Strata can flush before it stops.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
