-- Pending erasures of users. No FK to "user": the request must outlive the row it erases, so a
-- crash between deleting the user and forgetting the request leaves a request to finish.
CREATE TABLE user_deletion_request (
    request_id   UUID        NOT NULL PRIMARY KEY,
    user_id      UUID        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    status       TEXT        NOT NULL,
    CONSTRAINT user_deletion_request_user_id UNIQUE (user_id)
);
CREATE INDEX ix_user_deletion_request_requested_at ON user_deletion_request (requested_at);
