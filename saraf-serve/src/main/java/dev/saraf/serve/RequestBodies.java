package dev.saraf.serve;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies within a size limit, whether the client declared a length or streamed the
 * body in chunks: a body over the limit is refused with 413 before it is read in full (declared)
 * or as soon as the limit is passed (chunked), so no request can make the server hold more than
 * the limit.
 */
final class RequestBodies {
    private RequestBodies() {}

    /** The whole body, at most {@code limit} bytes. */
    static byte[] read(Context ctx, long limit) {
        checkDeclared(ctx, limit);
        try (InputStream in = limited(ctx.req().getInputStream(), limit)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    (int) Math.min(Math.max(ctx.req().getContentLengthLong(), 0), limit) + 16);
            in.transferTo(out);
            return out.toByteArray();
        } catch (TooLarge e) {
            throw tooLarge(limit);
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    /** Refuses a declared {@code Content-Length} over {@code limit}. */
    static void checkDeclared(Context ctx, long limit) {
        if (ctx.req().getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "request body too large: the limit is " + limit + " bytes");
    }

    /** {@code in} failing with {@link TooLarge} once more than {@code limit} bytes were read. */
    static InputStream limited(InputStream in, long limit) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && ++read > limit) {
                    throw new TooLarge();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0 && (read += n) > limit) {
                    throw new TooLarge();
                }
                return n;
            }
        };
    }

    /** The body passed the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("request body too large", null);
        }
    }
}
