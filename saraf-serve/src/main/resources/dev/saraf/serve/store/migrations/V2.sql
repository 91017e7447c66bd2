-- API tokens, stored as SHA-256 hashes only
CREATE TABLE api_tokens (
    id         CHAR(12)     NOT NULL PRIMARY KEY,
    hash       CHAR(64)     NOT NULL UNIQUE,
    label      VARCHAR(100) NOT NULL,
    created_at BIGINT       NOT NULL
);
