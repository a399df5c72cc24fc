package io.strata.api;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.strata.ruler.RuleConfigService;
import io.strata.ruler.RuleStatusJson;
import io.strata.ruler.RuleYaml;
import io.strata.ruler.Ruler;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ruler's HTTP routes (API.md §5.1, §5.2): the YAML configuration API under
 * {@code /loki/api/v1/rules} and Grafana's legacy {@code /api/prom/rules}, and the
 * Prometheus-compatible JSON of {@code /prometheus/api/v1/rules|alerts}. Every route is single-tenant
 * ({@link RequestTenancy#single}); {@code a|b} gets Loki's texts: 500 JSON {@code no org id} on the
 * YAML API, 400 JSON {@code too many org ids found} on the JSON routes.
 */
@ApplicationScoped
public class RulerRoutes {
    private static final String JSON = "application/json";

    @Inject
    RequestTenancy tenancy;

    @Inject
    RulerLifecycle lifecycle;

    void init(@Observes Router router) {
        for (String prefix : new String[] {"/loki/api/v1/rules", "/api/prom/rules"}) {
            String name = prefix.substring(1).replace('/', '_');
            router.route(prefix).order(-10).handler(tag(name));
            router.route(prefix + "/:namespace").order(-10).handler(tag(name + "_namespace"));
            router.route(prefix + "/:namespace/:groupName").order(-10).handler(tag(name + "_namespace_groupname"));
            yaml(router, prefix, HttpMethod.GET, ctx -> yamlAnswer(ctx,
                    ruler().config().listRules(tenant(ctx), ctx.request().getParam("labels"))));
            yaml(router, prefix + "/:namespace", HttpMethod.GET, ctx -> yamlAnswer(ctx,
                    ruler().config().getNamespace(tenant(ctx), param(ctx, "namespace"))));
            yaml(router, prefix + "/:namespace", HttpMethod.DELETE, ctx -> {
                ruler().config().deleteNamespace(tenant(ctx), param(ctx, "namespace"));
                accepted(ctx);
            });
            yaml(router, prefix + "/:namespace/:groupName", HttpMethod.GET,
                    ctx -> yamlAnswer(ctx, ruler().config().getGroup(tenant(ctx), param(ctx, "namespace"),
                            param(ctx, "groupName"))));
            yaml(router, prefix + "/:namespace/:groupName", HttpMethod.DELETE, ctx -> {
                ruler().config().deleteGroup(tenant(ctx), param(ctx, "namespace"), param(ctx, "groupName"));
                accepted(ctx);
            });
            String path = prefix + "/:namespace";
            router.route(path).order(-9).method(HttpMethod.POST).handler(RulerRoutes::checkContentLength);
            router.route(path).method(HttpMethod.POST)
                    .handler(BodyHandler.create(false).setBodyLimit(RuleYaml.MAX_BYTES + 1L))
                    .blockingHandler(guard(ctx -> {
                        String tenant = tenant(ctx);
                        Buffer body = ctx.body().buffer();
                        ruler().config().setGroup(tenant, param(ctx, "namespace"),
                                body == null ? new byte[0] : body.getBytes());
                        accepted(ctx);
                    }, false), false)
                    .failureHandler(ctx -> {
                        if (ctx.statusCode() == 413) { // a chunked body that outgrew the limit
                            ErrorResponses.closeConnectionAfter(ctx);
                            ErrorResponses.text(ctx, 413, "rule group too large: over " + RuleYaml.MAX_BYTES + " bytes");
                        } else {
                            ctx.next();
                        }
                    });
        }
        for (String prefix : new String[] {"/prometheus/api/v1", "/api/prom/api/v1"}) {
            String name = prefix.substring(1).replace('/', '_');
            json(router, prefix + "/rules", name + "_rules", ctx -> {
                String tenant = jsonTenant(ctx);
                var p = ctx.request().params();
                RuleStatusJson.Filter filter = RuleStatusJson.Filter.of(p.get("type"), both(p.getAll("file"),
                        p.getAll("file[]")), both(p.getAll("rule_group"), p.getAll("rule_group[]")),
                        both(p.getAll("rule_name"), p.getAll("rule_name[]")));
                jsonAnswer(ctx, 200, ruler().rulesJson(tenant, filter));
            });
            json(router, prefix + "/alerts", name + "_alerts",
                    ctx -> jsonAnswer(ctx, 200, ruler().alertsJson(jsonTenant(ctx))));
        }
    }

    private Ruler ruler() {
        return lifecycle.ruler();
    }

    private void yaml(Router router, String path, HttpMethod method, Handler<RoutingContext> h) {
        router.route(path).method(method).blockingHandler(guard(h, false), false);
    }

    private void json(Router router, String path, String name, Handler<RoutingContext> h) {
        router.route(path).order(-10).handler(tag(name));
        router.route(path).method(HttpMethod.GET).blockingHandler(guard(h, true), false);
    }

    /** The single tenant of a YAML route; {@code a|b} → Loki's 500 JSON {@code no org id}. */
    private String tenant(RoutingContext ctx) {
        try {
            return tenancy.single(ctx).tenant();
        } catch (StrataException e) {
            if (multiTenant(ctx, e)) {
                throw new JsonFailure(500, RuleStatusJson.error(new StrataException(ErrorCategory.INTERNAL, "no org id")));
            }
            throw e;
        }
    }

    /** The single tenant of a JSON route; {@code a|b} → 400 JSON {@code too many org ids found}. */
    private String jsonTenant(RoutingContext ctx) {
        try {
            return tenancy.single(ctx).tenant();
        } catch (StrataException e) {
            if (multiTenant(ctx, e)) {
                throw new StrataException(ErrorCategory.BAD_REQUEST, "too many org ids found");
            }
            throw new PlainFailure(e);
        }
    }

    private static boolean multiTenant(RoutingContext ctx, StrataException e) {
        String header = ctx.request().getHeader("X-Scope-OrgID");
        return e.category() == ErrorCategory.BAD_REQUEST && header != null && header.indexOf('|') >= 0;
    }

    /**
     * A path name, percent-decoded once as Loki's {@code url.PathUnescape} does (the router leaves
     * reserved escapes such as {@code %2F} encoded), so {@code a%2Fb} is checked as {@code a/b}.
     */
    static String param(RoutingContext ctx, String name) {
        String raw = ctx.pathParam(name);
        if (raw == null || raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StrataException.badRequest("invalid URL escape in \"" + raw + "\"");
        }
    }

    private static List<String> both(List<String> a, List<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Rejects a declared body over the limit before anything is read. */
    private static void checkContentLength(RoutingContext ctx) {
        String cl = ctx.request().getHeader("Content-Length");
        if (cl != null) {
            try {
                long n = Long.parseLong(cl.strip());
                if (n > RuleYaml.MAX_BYTES) {
                    ErrorResponses.closeConnectionAfter(ctx);
                    ErrorResponses.text(ctx, 413, "rule group too large: " + n + " bytes, limit " + RuleYaml.MAX_BYTES);
                    return;
                }
            } catch (NumberFormatException e) {
                // Vert.x rejects a malformed Content-Length itself
            }
        }
        ctx.next();
    }

    private static void yamlAnswer(RoutingContext ctx, String yaml) {
        ctx.response().putHeader("Content-Type", RuleConfigService.YAML_CONTENT_TYPE)
                .end(Buffer.buffer(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static void accepted(RoutingContext ctx) {
        jsonAnswer(ctx, 202, RuleConfigService.ACCEPTED_BODY.getBytes(StandardCharsets.UTF_8));
    }

    private static void jsonAnswer(RoutingContext ctx, int status, byte[] body) {
        ctx.response().headers().remove("Content-Encoding");
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(Buffer.buffer(body));
    }

    private static Handler<RoutingContext> tag(String route) {
        return ctx -> {
            ctx.put(HttpRoutes.ROUTE_KEY, route);
            ctx.next();
        };
    }

    /**
     * Errors of the YAML routes are plain text (Go's {@code http.Error}); those of the JSON routes are
     * Prometheus' error JSON, except a missing or invalid tenant, which the auth middleware answers
     * before the handler in Loki.
     */
    private static Handler<RoutingContext> guard(Handler<RoutingContext> h, boolean jsonErrors) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (JsonFailure f) {
                if (!ctx.response().ended()) {
                    jsonAnswer(ctx, f.status, f.body);
                }
            } catch (PlainFailure f) {
                ErrorResponses.write(ctx, f.getCause());
            } catch (StrataException e) {
                if (jsonErrors && !ctx.response().ended()) {
                    jsonAnswer(ctx, e.category().httpStatus(), RuleStatusJson.error(e));
                } else {
                    ErrorResponses.write(ctx, e);
                }
            } catch (RuntimeException | Error e) {
                ErrorResponses.write(ctx, e);
            }
        };
    }

    /** A failure whose JSON body is already rendered. */
    private static final class JsonFailure extends RuntimeException {
        final int status;
        final byte[] body;

        JsonFailure(int status, byte[] body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    /** A tenant failure on a JSON route, answered as plain text as Loki's middleware does. */
    private static final class PlainFailure extends RuntimeException {
        PlainFailure(StrataException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
