-- alerts reference datasets, alert_rules and anomalies without ON DELETE actions in the seed,
-- while alert_rules and anomalies themselves go with their dataset or analysis (ON DELETE CASCADE).
-- Without these triggers, deleting a dataset that has alerts would fail on the foreign keys and
-- stall the read model (docs/schema-changes.md, V14). Constraints and columns stay as the seed has them.
CREATE FUNCTION alerts_go_with_their_dataset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM alerts WHERE dataset_id = OLD.id;
    RETURN OLD;
END
$$;
CREATE TRIGGER trg_datasets_delete_alerts BEFORE DELETE ON datasets
    FOR EACH ROW EXECUTE FUNCTION alerts_go_with_their_dataset();

CREATE FUNCTION alerts_go_with_their_rule() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM alerts WHERE alert_rule_id = OLD.id;
    RETURN OLD;
END
$$;
CREATE TRIGGER trg_alert_rules_delete_alerts BEFORE DELETE ON alert_rules
    FOR EACH ROW EXECUTE FUNCTION alerts_go_with_their_rule();

CREATE FUNCTION alerts_forget_a_deleted_anomaly() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE alerts SET anomaly_id = NULL WHERE anomaly_id = OLD.id;
    RETURN OLD;
END
$$;
CREATE TRIGGER trg_anomalies_delete_alert_links BEFORE DELETE ON anomalies
    FOR EACH ROW EXECUTE FUNCTION alerts_forget_a_deleted_anomaly();
