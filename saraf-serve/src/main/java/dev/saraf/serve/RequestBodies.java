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
 *
 * <p>A refused body is read and dropped first, up to {@link #DRAIN_LIMIT}, unless the client asked
 * {@code Expect: 100-continue} (then it has not sent it). Otherwise the server would answer and close
 * the connection while the client is still writing, and most clients (the JDK's, Python's requests)
 * then report a broken pipe or a reset instead of the 413 and its reason. The server does it in its
 * error handler for every 413, whichever route refused ({@code SarafServer}); an application that
 * mounts saraf's routes (the jobs API, say) on a Javalin of its own calls {@link #drainRefused} from
 * its handler the same way.
 */
public final class RequestBodies {
    /** The most of a refused body read and dropped so that its client can read the refusal. */
    static final long DRAIN_LIMIT = 16L << 20;

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

    /** The 413 for a body over {@code limit} (the server drains the rest of the body before answering it). */
    static ApiException tooLarge(long limit) {
        return new ApiException(413, "request body too large: the limit is " + limit + " bytes");
    }

    /**
     * Reads and drops what is left of a body about to be refused, at most {@link #DRAIN_LIMIT}
     * bytes, so that the client can finish sending and read the answer on a connection that stays
     * open. Does nothing for a client waiting on {@code Expect: 100-continue}, or for a declared
     * body larger than the limit (that connection is closed after the answer). Errors reading it
     * are ignored: the refusal is the answer either way.
     */
    public static void drainRefused(Context ctx) {
        String expect = ctx.req().getHeader("Expect");
        if (expect != null && expect.toLowerCase(java.util.Locale.ROOT).contains("100-continue")
                || ctx.req().getContentLengthLong() > DRAIN_LIMIT) {
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buf = new byte[64 << 10];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the connection or the stream is already gone: nothing more to drain
        }
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
