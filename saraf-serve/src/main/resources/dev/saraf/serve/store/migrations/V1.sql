-- models and their versions
CREATE TABLE models (
    name         VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at   BIGINT      NOT NULL,
    next_version INTEGER     NOT NULL
);

CREATE TABLE model_versions (
    model        VARCHAR(64)  NOT NULL REFERENCES models (name),
    version      INTEGER      NOT NULL,
    stage        VARCHAR(16)  NOT NULL CHECK (stage IN ('staging', 'production', 'archived')),
    created_at   BIGINT       NOT NULL,
    created_by   VARCHAR(200),
    sha256       CHAR(64)     NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    metrics      TEXT         NOT NULL,
    provenance   TEXT         NOT NULL,
    architecture TEXT         NOT NULL,
    extra        TEXT         NOT NULL,
    signature    TEXT         NOT NULL,
    PRIMARY KEY (model, version)
);

CREATE INDEX model_versions_sha256 ON model_versions (sha256);

CREATE UNIQUE INDEX model_versions_one_production ON model_versions (model) WHERE stage = 'production';
