package dev.flashsale.storefront;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The contract's {@code {"error": "..."}} for what Jetty refuses before any route sees it (a
 * malformed request line, headers over the bound), instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? HttpStatus.INTERNAL_SERVER_ERROR_500 : response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        String text = message == null ? HttpStatus.getMessage(status) : message.toString();
        byte[] body = JsonViews.error(Routes.truncate(text));
        response.getHeaders().put(new HttpField(HttpHeader.CONTENT_TYPE, Reply.JSON));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Reply.JSON);
        return ByteBuffer.wrap(JsonViews.error(reason == null ? HttpStatus.getMessage(status) : Routes.truncate(reason)));
    }
}
