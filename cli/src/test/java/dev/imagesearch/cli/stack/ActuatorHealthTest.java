package dev.imagesearch.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.localstack.Health;
import org.junit.jupiter.api.Test;

class ActuatorHealthTest {
  @Test
  void aStalledWorkerIsDownWithTheReasonOfEachComponentThatIsDown() {
    Health health =
        ActuatorHealth.of(
            503,
            """
            {"status":"DOWN","components":{
              "kafka":{"status":"UP","details":{"brokers":1}},
              "elasticsearch":{"status":"DOWN","details":{"error":"java.net.ConnectException"}},
              "progress":{"status":"DOWN","details":{"reason":"a batch of 8 events has been in\
             progress for 612 s","progressAgeSeconds":612}}}}
            """);

    assertThat(health.up()).isFalse();
    assertThat(health.detail())
        .isEqualTo(
            "DOWN elasticsearch: java.net.ConnectException;"
                + " progress: a batch of 8 events has been in progress for 612 s");
  }

  @Test
  void upWhenTheActuatorSaysUp() {
    assertThat(ActuatorHealth.of(200, "{\"status\":\"UP\",\"components\":{}}"))
        .isEqualTo(Health.up("actuator UP"));
  }

  @Test
  void anAnswerThatIsNotJsonIsDownWithItsHttpStatus() {
    assertThat(ActuatorHealth.of(502, "<html>Bad gateway</html>"))
        .isEqualTo(Health.down("actuator HTTP 502"));
  }
}
