package dev.saraf.serve.store;

import dev.saraf.serve.registry.RegistryException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small pool of JDBC connections to one database, and the only place that begins, commits and
 * rolls back transactions. A connection that failed with a connection-level error (SQLSTATE
 * class 08) is closed rather than returned, so a restarted PostgreSQL server is reconnected to.
 */
final class Database implements AutoCloseable {

    /** Work done with a connection; may throw SQLException. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final Dialect dialect;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    Database(String url) {
        this.url = url;
        this.dialect = Dialect.of(url);
        this.permits = new Semaphore(dialect.poolSize(), true);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(Work<T> work) {
        return use(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                }
            }
        });
    }

    /** Runs {@code work} in auto-commit mode (each statement its own transaction): for reads. */
    <T> T read(Work<T> work) {
        return use(work);
    }

    private <T> T use(Work<T> work) {
        Connection c = borrow();
        boolean broken = false;
        try {
            return work.run(c);
        } catch (SQLException e) {
            broken = isConnectionError(e);
            throw new RegistryException(RegistryException.Kind.STORAGE, "registry database: " + e.getMessage(), e);
        } finally {
            giveBack(c, broken);
        }
    }

    private Connection borrow() {
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new RegistryException(RegistryException.Kind.STORAGE, "registry database: no connection free after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.STORAGE, "registry database: interrupted waiting for a connection", e);
        }
        try {
            synchronized (this) {
                if (closed) {
                    throw new RegistryException(RegistryException.Kind.STORAGE, "registry database: closed");
                }
                Connection c = idle.pollFirst();
                if (c != null) {
                    return c;
                }
            }
            return DriverManager.getConnection(url, dialect.connectionProperties());
        } catch (SQLException | RuntimeException e) {
            permits.release();
            if (e instanceof RegistryException r) {
                throw r;
            }
            throw new RegistryException(RegistryException.Kind.STORAGE, "registry database: cannot connect: " + e.getMessage(), e);
        }
    }

    private void giveBack(Connection c, boolean broken) {
        try {
            boolean keep;
            synchronized (this) {
                keep = !broken && !closed && !c.isClosed();
                if (keep) {
                    idle.addFirst(c);
                }
            }
            if (!keep) {
                closeQuietly(c);
            }
        } catch (SQLException e) {
            closeQuietly(c);
        } finally {
            permits.release();
        }
    }

    private static boolean isConnectionError(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is being discarded; nothing more can go wrong with it
        }
    }

    /** Closes the idle connections; connections in use are closed when given back. */
    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(Database::closeQuietly);
    }
}
