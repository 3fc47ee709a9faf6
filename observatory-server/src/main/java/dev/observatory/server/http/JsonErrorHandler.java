package dev.observatory.server.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses (bad URIs, unparseable requests, sendError from servlets) in the API's JSON error shape.
 * Jetty's reason phrase is kept for client errors; server errors never show anything but a generic message.
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        Object id = request.getAttribute(HttpServer.REQUEST_ID_ATTRIBUTE);
        byte[] body = ApiErrors.body(ApiErrors.codeFor(code), describe(code, message),
                code >= 500 && id != null ? id.toString() : null);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String describe(int code, String message) {
        if (code >= 500 || message == null || message.isBlank()) {
            return code >= 500 ? "internal error" : "HTTP " + code;
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
