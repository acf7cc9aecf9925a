REINDEX INDEX users_email_idx;
