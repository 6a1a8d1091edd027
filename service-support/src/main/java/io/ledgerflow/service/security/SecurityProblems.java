package io.ledgerflow.service.security;

import io.ledgerflow.service.problem.NotFoundException;
import io.ledgerflow.service.problem.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The security filters' refusals as RFC 9457 problems, written by the service's own problem handling
 * ({@link ProblemHandler}, reached through the MVC exception resolver) so they look like every other error: 401 with
 * a {@code WWW-Authenticate} challenge, 403 for a read-only token's write, 404 for another tenant's workspace, 400 for
 * a path the firewall refuses.
 */
public final class SecurityProblems {

    private final HandlerExceptionResolver resolver;
    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler insufficientScope = new BearerTokenAccessDeniedHandler();

    SecurityProblems(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
        challenge.commence(request, response, e); // status and WWW-Authenticate
        String detail = e instanceof OAuth2AuthenticationException invalid
                        && invalid.getError().getDescription() != null
                ? "The bearer token is not valid: " + invalid.getError().getDescription()
                : "A bearer token is required (Authorization: Bearer <token>).";
        write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) {
        insufficientScope.handle(request, response, e); // status and WWW-Authenticate
        write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "read-only-token",
                "Forbidden",
                "The token may only read: " + request.getMethod() + " needs the 'write' scope.");
    }

    void notGranted(HttpServletRequest request, HttpServletResponse response, String workspace) {
        resolve(
                request,
                response,
                new NotFoundException("Workspace '" + workspace + "' has no such resource."),
                HttpStatus.NOT_FOUND);
    }

    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) {
        write(request, response, HttpStatus.BAD_REQUEST, "invalid-path", "Invalid request path", e.getMessage());
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String type,
            String title,
            String detail) {
        ErrorResponseException problem =
                new ErrorResponseException(status, ProblemHandler.problem(status, type, title, detail), null);
        resolve(request, response, problem, status);
    }

    private void resolve(HttpServletRequest request, HttpServletResponse response, Exception e, HttpStatus status) {
        if (resolver.resolveException(request, response, null, e) == null && !response.isCommitted()) {
            response.setStatus(status.value()); // no representation the client accepts: the status alone
        }
    }
}
