-- Langflow 1.13.0 tables on PostgreSQL.
-- JSON columns are `json`, not `jsonb`: json keeps the text as written, so flow data keeps its
-- key order exactly. Timestamps are timestamptz, bound from Rust as on SQLite.

CREATE TABLE "user" (
    id            UUID        NOT NULL PRIMARY KEY,
    username      TEXT        NOT NULL,
    password      TEXT        NOT NULL,
    profile_image TEXT,
    is_active     BOOLEAN     NOT NULL DEFAULT FALSE,
    is_superuser  BOOLEAN     NOT NULL DEFAULT FALSE,
    create_at     TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    last_login_at TIMESTAMPTZ,
    retired_at    TIMESTAMPTZ,
    store_api_key TEXT,
    optins        JSON
);
CREATE UNIQUE INDEX user_username_lower ON "user" (lower(username));

CREATE TABLE folder (
    id            UUID    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL,
    description   TEXT,
    auth_settings JSON,
    parent_id     UUID REFERENCES folder (id),
    user_id       UUID REFERENCES "user" (id),
    workspace_id  UUID,
    is_personal   BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT unique_folder_name UNIQUE (user_id, name)
);
CREATE INDEX ix_folder_name ON folder (name);
CREATE INDEX ix_folder_user_id ON folder (user_id);
CREATE INDEX ix_folder_parent_id ON folder (parent_id);

CREATE TABLE flow (
    id                 UUID    NOT NULL PRIMARY KEY,
    name               TEXT    NOT NULL,
    description        TEXT,
    icon               TEXT,
    icon_bg_color      TEXT,
    gradient           TEXT,
    data               JSON,
    is_component       BOOLEAN DEFAULT FALSE,
    updated_at         TIMESTAMPTZ,
    webhook            BOOLEAN DEFAULT FALSE,
    endpoint_name      TEXT,
    tags               JSON DEFAULT '[]',
    locked             BOOLEAN DEFAULT FALSE,
    mcp_enabled        BOOLEAN DEFAULT FALSE,
    action_name        TEXT,
    action_description TEXT,
    access_type        TEXT    NOT NULL DEFAULT 'PRIVATE' CHECK (access_type IN ('PRIVATE', 'PUBLIC')),
    flow_type          TEXT    NOT NULL DEFAULT 'workflow' CHECK (flow_type IN ('workflow', 'agent')),
    a2a_enabled        BOOLEAN DEFAULT FALSE,
    a2a_card_overrides JSON,
    user_id            UUID REFERENCES "user" (id),
    folder_id          UUID REFERENCES folder (id),
    workspace_id       UUID,
    fs_path            TEXT,
    version_token      UUID,
    last_modified_by   UUID,
    name_key           TEXT,
    CONSTRAINT unique_flow_name UNIQUE (user_id, name),
    CONSTRAINT unique_flow_endpoint_name UNIQUE (user_id, endpoint_name)
);
CREATE INDEX ix_flow_name ON flow (name);
CREATE INDEX ix_flow_endpoint_name ON flow (endpoint_name);
CREATE INDEX ix_flow_user_id ON flow (user_id);
CREATE INDEX ix_flow_folder_id ON flow (folder_id);
CREATE INDEX ix_flow_workspace_id ON flow (workspace_id);
CREATE INDEX ix_flow_last_modified_by ON flow (last_modified_by);

-- No FK on flow_id: monitor rows are deleted explicitly with their flow (as in Langflow 1.13).
CREATE TABLE message (
    id               UUID        NOT NULL PRIMARY KEY,
    timestamp        TIMESTAMPTZ NOT NULL,
    sender           TEXT        NOT NULL,
    sender_name      TEXT        NOT NULL,
    session_id       TEXT        NOT NULL,
    context_id       TEXT,
    text             TEXT,
    files            JSON        NOT NULL DEFAULT '[]',
    error            BOOLEAN     NOT NULL DEFAULT FALSE,
    edit             BOOLEAN     NOT NULL DEFAULT FALSE,
    properties       JSON,
    category         TEXT DEFAULT 'message',
    content_blocks   JSON,
    session_metadata JSON,
    flow_id          UUID,
    run_id           UUID,
    user_id          UUID,
    is_output        BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX ix_message_flow_id_timestamp_id ON message (flow_id, timestamp, id);
CREATE INDEX ix_message_session_id_timestamp_id ON message (session_id, timestamp, id);
CREATE INDEX ix_message_flow_id_session_id_timestamp ON message (flow_id, session_id, timestamp);
CREATE INDEX ix_message_run_id ON message (run_id);
CREATE INDEX ix_message_user_id ON message (user_id);

CREATE TABLE "transaction" (
    id         UUID        NOT NULL PRIMARY KEY,
    timestamp  TIMESTAMPTZ NOT NULL,
    vertex_id  TEXT        NOT NULL,
    target_id  TEXT,
    inputs     JSON,
    outputs    JSON,
    status     TEXT        NOT NULL,
    error      TEXT,
    flow_id    UUID        NOT NULL,
    user_id    UUID,
    session_id TEXT
);
CREATE INDEX ix_transaction_flow_id_timestamp ON "transaction" (flow_id, timestamp);
CREATE INDEX ix_transaction_user_id ON "transaction" (user_id);
CREATE INDEX ix_transaction_session_id ON "transaction" (session_id);

CREATE TABLE vertex_build (
    build_id  UUID        NOT NULL PRIMARY KEY,
    id        TEXT        NOT NULL,
    timestamp TIMESTAMPTZ NOT NULL,
    data      JSON,
    artifacts JSON,
    params    TEXT,
    valid     BOOLEAN     NOT NULL,
    flow_id   UUID        NOT NULL,
    job_id    UUID
);
CREATE INDEX ix_vertex_build_flow_id_id_timestamp ON vertex_build (flow_id, id, timestamp);
CREATE INDEX ix_vertex_build_job_id ON vertex_build (job_id);

-- No unique (user_id, name): Langflow checks variable names in the API only.
CREATE TABLE variable (
    id                     UUID NOT NULL PRIMARY KEY,
    name                   TEXT NOT NULL,
    value                  TEXT NOT NULL,
    default_fields         JSON,
    type                   TEXT,
    created_at             TIMESTAMPTZ,
    updated_at             TIMESTAMPTZ,
    is_environment_managed BOOLEAN,
    user_id                UUID NOT NULL REFERENCES "user" (id)
);
CREATE INDEX ix_variable_user_id ON variable (user_id);

CREATE TABLE apikey (
    id           UUID        NOT NULL PRIMARY KEY,
    name         TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    total_uses   BIGINT      NOT NULL DEFAULT 0,
    is_active    BOOLEAN     NOT NULL DEFAULT TRUE,
    expires_at   TIMESTAMPTZ,
    api_key      TEXT        NOT NULL,
    api_key_hash TEXT,
    user_id      UUID        NOT NULL REFERENCES "user" (id),
    CONSTRAINT apikey_api_key UNIQUE (api_key)
);
CREATE INDEX ix_apikey_name ON apikey (name);
CREATE INDEX ix_apikey_api_key_hash ON apikey (api_key_hash);
CREATE INDEX ix_apikey_user_id ON apikey (user_id);
