package io.ledgerflow.service.security;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Every service is an OAuth2 resource server ({@link AuthSettings}): each {@code /api/**} request needs a valid JWT
 * bearer token, except the OpenAPI document and browser pages; a workspace's paths need the workspace in the token
 * ({@link WorkspaceGrantFilter}, else 404); a write needs the {@code write} scope (else 403). The management port
 * (which the gateway never routes to) asks for its own credential when {@code MANAGEMENT_TOKEN} is set
 * ({@link #managementSecurity}).
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(AuthSettings.class)
public class ResourceServerAutoConfiguration {

    /** Paths open without a token: the OpenAPI document (the Swagger UI loads it) and browser pages. */
    static final String[] PUBLIC = {"/api/*/v3/api-docs/**", "/api/*/play/**"};

    private static final Logger log = LoggerFactory.getLogger(ResourceServerAutoConfiguration.class);

    /**
     * No observation (span, timer) per security filter, per authentication and per authorization: the request's own
     * ({@code http.server.requests}, its span) covers them, and under load they cost about a tenth of an edit's CPU
     * in calculation-service (docs/benchmarks.md, issue 13). A service that wants them declares its own.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityProblems securityProblems(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        return new SecurityProblems(resolver);
    }

    /** A path the firewall refuses ({@code ..}, {@code //}, encoded slashes...) is a 400 problem, not a bare 400. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(SecurityProblems problems) {
        return problems::rejected;
    }

    @Bean
    @ConditionalOnProperty(name = "ledgerflow.auth.enabled", havingValue = "true", matchIfMissing = true)
    SecurityFilterChain apiSecurity(
            HttpSecurity http, AuthSettings settings, SecurityProblems problems, JwtDecoder decoder) {
        stateless(http);
        http.authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET)
                        .authenticated()
                        .requestMatchers(HttpMethod.HEAD)
                        .authenticated()
                        .requestMatchers(HttpMethod.OPTIONS)
                        .authenticated()
                        .anyRequest()
                        .hasAuthority("SCOPE_write"))
                .oauth2ResourceServer(server -> server.bearerTokenResolver(new HeaderOrWebSocketTokenResolver())
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .addFilterAfter(
                        new WorkspaceGrantFilter(settings.workspacesClaim(), problems),
                        BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @ConditionalOnProperty(name = "ledgerflow.auth.enabled", havingValue = "true", matchIfMissing = true)
    JwtDecoder jwtDecoder(AuthSettings settings) {
        NimbusJwtDecoder decoder = settings.jwtSecret() != null
                ? NimbusJwtDecoder.withSecretKey(
                                new SecretKeySpec(settings.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                        .macAlgorithm(MacAlgorithm.HS256)
                        .build()
                : NimbusJwtDecoder.withJwkSetUri(String.valueOf(settings.jwkSetUri()))
                        .build();
        decoder.setJwtValidator(
                settings.issuer() != null
                        ? JwtValidators.createDefaultWithIssuer(settings.issuer())
                        : JwtValidators.createDefault());
        return decoder;
    }

    /**
     * {@code MANAGEMENT_TOKEN} set (the chart sets it from a Secret): every actuator endpoint of the management port
     * but health (the kubelet's probes) needs {@code Authorization: Bearer <token>}, else 401: introspection
     * (threaddump, heaphistogram, jfr, workbookstats), deadletters and prometheus (the PodMonitor sends it). Unset,
     * the port is open as before, kept off the Services and the gateway (docs/observability.md).
     */
    @Bean
    @ConditionalOnExpression("!'${ledgerflow.management.token:}'.isBlank()")
    SecurityFilterChain managementSecurity(HttpSecurity http, @Value("${ledgerflow.management.token}") String token) {
        http.securityMatcher(EndpointRequest.toAnyEndpoint().excluding(HealthEndpoint.class))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ManagementTokenFilter.ROLE))
                .addFilterBefore(new ManagementTokenFilter(token), AnonymousAuthenticationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(ManagementTokenFilter::unauthorized)
                        .accessDeniedHandler((request, response, denied) ->
                                ManagementTokenFilter.unauthorized(request, response, null)));
        return http.build();
    }

    /** {@code AUTH_ENABLED=false}: every request is let through, which the log says loudly. */
    @Bean
    @ConditionalOnProperty(name = "ledgerflow.auth.enabled", havingValue = "false")
    SecurityFilterChain openApi(HttpSecurity http) {
        log.warn("AUTHENTICATION IS OFF (AUTH_ENABLED=false): anyone who reaches this service reads and writes"
                + " every workspace. Never run like this outside a laptop.");
        stateless(http);
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /** With authentication off there is nobody to log in: no generated user and password. */
    @Bean
    @ConditionalOnProperty(name = "ledgerflow.auth.enabled", havingValue = "false")
    AuthenticationManager noLogin() {
        return authentication -> {
            throw new ProviderNotFoundException("authentication is off");
        };
    }

    private static void stateless(HttpSecurity http) {
        http.securityMatcher("/api/**")
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
