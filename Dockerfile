# The one executable, for docker-compose.yml. Build the jar first: ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home dinsight
USER dinsight
WORKDIR /home/dinsight
COPY app/target/dinsight.jar /opt/dinsight/dinsight.jar
ENV DINSIGHT_DATA_DIR=/home/dinsight/data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/dinsight/dinsight.jar"]
