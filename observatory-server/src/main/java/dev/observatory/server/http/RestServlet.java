package dev.observatory.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The default servlet: routes every request not claimed by another servlet through the {@link Router}. Unknown paths
 * get a JSON 404, known paths with another method a JSON 405. Exceptions propagate to {@link RequestFilter}, which maps
 * them in one place.
 */
final class RestServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Router router;

    RestServlet(Router router) {
        this.router = router;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Router.Match m;
        try {
            m = router.match(req.getMethod(), req.getRequestURI());
        } catch (HttpError e) {
            req.setAttribute(Router.ROUTE_ATTRIBUTE, "unmatched");
            throw e;
        }
        if (m.route() == null) {
            req.setAttribute(Router.ROUTE_ATTRIBUTE, "unmatched");
            String allowed = String.join(", ", m.allowedMethods());
            resp.setHeader("Allow", allowed);
            throw new HttpError(405, "METHOD_NOT_ALLOWED",
                    req.getMethod() + " is not supported on " + req.getRequestURI() + ": use " + allowed);
        }
        req.setAttribute(Router.ROUTE_ATTRIBUTE, m.route().pattern());
        m.route().handler().handle(new Call(req, resp, m.params()));
    }
}
