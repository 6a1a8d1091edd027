package io.ledgerflow.service.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Each service's OpenAPI document says what the service is ({@code ledgerflow.api.title}, {@code description},
 * {@code version}) and that every operation takes a JWT bearer token (scheme {@value #SCHEME}), so the gateway's
 * Swagger UI offers "Authorize".
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenAPI.class)
@EnableConfigurationProperties(ApiDocumentAutoConfiguration.ApiInfo.class)
public class ApiDocumentAutoConfiguration {

    public static final String SCHEME = "bearer";

    /**
     * @param title the service's name in the document
     * @param description what the service does, its tokens and problems
     * @param version the API's version (the project's, by default)
     */
    @ConfigurationProperties("ledgerflow.api")
    public record ApiInfo(String title, String description, String version) {}

    @Bean
    OpenAPI ledgerflowApiDocument(ApiInfo info) {
        return new OpenAPI()
                .info(new Info()
                        .title(info.title())
                        .description(info.description()
                                + "\n\nEvery operation needs a JWT bearer token (`Authorization: Bearer <token>`):"
                                + " its `workspaces` claim must name the path's workspace (another workspace's"
                                + " resources answer 404) and a write needs the `write` scope (else 403)."
                                + " Errors are RFC 9457 problem details.")
                        .version(info.version()))
                .components(new Components()
                        .addSecuritySchemes(
                                SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A JWT signed with the deployment's key (HS256) or by its"
                                                + " identity provider (JWKS)")));
    }

    /**
     * The bearer requirement on every operation, not only at the document's root; once, also where springdoc merges
     * two handler methods into one operation (the same path and method with different media types).
     */
    @Bean
    OperationCustomizer bearerOnEveryOperation() {
        return (operation, handler) -> {
            SecurityRequirement bearer = new SecurityRequirement().addList(SCHEME);
            if (operation.getSecurity() == null || !operation.getSecurity().contains(bearer)) {
                operation.addSecurityItem(bearer);
            }
            return operation;
        };
    }
}
