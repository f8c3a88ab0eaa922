package io.ticketing.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator WAR on a real Payara Micro, at /operator, reporting on the real database. */
@ExtendWith(ArquillianExtension.class)
class PlatformHealthIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive operator() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.operator.war")));
    }

    @Test
    void healthIsUpWhileTheDatabaseAnswers() throws Exception {
        assertThat(base.getPath()).isEqualTo("/operator/");
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(base + "api/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\",\"identity\":\"UP\"}}");
    }
}
