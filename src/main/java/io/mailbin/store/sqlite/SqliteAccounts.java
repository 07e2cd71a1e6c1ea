package io.mailbin.store.sqlite;

import io.mailbin.store.Account;
import io.mailbin.store.AccountStore;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.DuplicateException;
import io.mailbin.store.ReservedAddress;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts, keys, reserved addresses and custom domains in the embedded store. */
final class SqliteAccounts implements AccountStore {
    private static final String ADDRESS_COLUMNS = "address, owner, info, forward, enablews, webhook, webhook_slack,"
            + " webhook_slack_to_from, encrypted_inbox, created, updated";
    private static final String DOMAIN_COLUMNS = "domain, owner, enablews, is_private, created, updated";

    private final Writer writer;
    private final Readers readers;

    SqliteAccounts(Writer writer, Readers readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public void insertAccount(Account account, String keyHash) {
        writer.execute(db -> {
            if (exists(db, "SELECT 1 FROM accounts WHERE id = ?", account.id())) {
                throw new DuplicateException("account " + account.id() + " already exists");
            }
            PreparedStatement ps = db.prepare("INSERT INTO accounts (id, created, operator, message_limit) VALUES (?, ?, ?, ?)");
            ps.setString(1, account.id());
            ps.setLong(2, account.created().toEpochMilli());
            ps.setInt(3, account.operator() ? 1 : 0);
            ps.setInt(4, account.messageLimit());
            ps.executeUpdate();
            insertKey(db, account.id(), keyHash);
            return null;
        });
    }

    private static void insertKey(Statements db, String account, String keyHash) throws SQLException {
        PreparedStatement ps = db.prepare("INSERT INTO api_keys (hash, account, created) VALUES (?, ?, ?)");
        ps.setString(1, keyHash);
        ps.setString(2, account);
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
    }

    private static boolean exists(Statements db, String sql, String key) throws SQLException {
        PreparedStatement ps = db.prepare(sql);
        ps.setString(1, key);
        try (ResultSet r = ps.executeQuery()) {
            return r.next();
        }
    }

    @Override
    public Optional<Account> account(String id) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT id, created, operator, message_limit, disable_spam FROM accounts WHERE id = ?");
            ps.setString(1, id);
            return oneAccount(ps);
        });
    }

    @Override
    public Optional<Account> accountByKeyHash(String keyHash) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT a.id, a.created, a.operator, a.message_limit, a.disable_spam FROM api_keys k"
                    + " JOIN accounts a ON a.id = k.account WHERE k.hash = ?");
            ps.setString(1, keyHash);
            return oneAccount(ps);
        });
    }

    private static Optional<Account> oneAccount(PreparedStatement ps) throws SQLException {
        try (ResultSet r = ps.executeQuery()) {
            return r.next() ? Optional.of(account(r)) : Optional.empty();
        }
    }

    private static Account account(ResultSet r) throws SQLException {
        return new Account(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getInt(3) != 0, r.getInt(4), r.getInt(5) != 0);
    }

    @Override
    public List<Account> accounts() {
        return readers.read(db -> {
            List<Account> out = new ArrayList<>();
            try (ResultSet r = db.prepare("SELECT id, created, operator, message_limit, disable_spam FROM accounts ORDER BY id").executeQuery()) {
                while (r.next()) {
                    out.add(account(r));
                }
            }
            return out;
        });
    }

    @Override
    public boolean setDisableSpam(String account, boolean disable) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("UPDATE accounts SET disable_spam = ? WHERE id = ?");
            ps.setInt(1, disable ? 1 : 0);
            ps.setString(2, account);
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public void replaceKeys(String account, String keyHash) {
        writer.execute(db -> {
            PreparedStatement del = db.prepare("DELETE FROM api_keys WHERE account = ?");
            del.setString(1, account);
            del.executeUpdate();
            insertKey(db, account, keyHash);
            return null;
        });
    }

    @Override
    public boolean deleteAccount(String id) {
        return writer.execute(db -> {
            for (String sql : List.of(
                    "DELETE FROM messages WHERE owner = ?",
                    "UPDATE messages SET saved_by = NULL WHERE saved_by = ?",
                    "DELETE FROM addresses WHERE owner = ?",
                    "DELETE FROM domains WHERE owner = ?",
                    "DELETE FROM api_keys WHERE account = ?")) {
                PreparedStatement ps = db.prepare(sql);
                ps.setString(1, id);
                ps.executeUpdate();
            }
            PreparedStatement ps = db.prepare("DELETE FROM accounts WHERE id = ?");
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public List<ReservedAddress> addresses() {
        return readers.read(db -> {
            List<ReservedAddress> out = new ArrayList<>();
            try (ResultSet r = db.prepare("SELECT " + ADDRESS_COLUMNS + " FROM addresses ORDER BY address").executeQuery()) {
                while (r.next()) {
                    out.add(new ReservedAddress(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getInt(5) != 0, r.getString(6), r.getString(7), r.getInt(8) != 0, r.getString(9),
                            Instant.ofEpochMilli(r.getLong(10)), Instant.ofEpochMilli(r.getLong(11))));
                }
            }
            return out;
        });
    }

    @Override
    public void insertAddresses(List<ReservedAddress> addresses) {
        writer.execute(db -> {
            for (ReservedAddress a : addresses) {
                if (exists(db, "SELECT 1 FROM addresses WHERE address = ?", a.address())) {
                    throw new DuplicateException("address " + a.address() + " is already reserved");
                }
                PreparedStatement ps = db.prepare("INSERT INTO addresses (" + ADDRESS_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                ps.setString(1, a.address());
                ps.setString(2, a.owner());
                bindSettings(ps, a);
                ps.setString(9, a.encryptedInbox());
                ps.setLong(10, a.created().toEpochMilli());
                ps.setLong(11, a.updated().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Binds the settings columns 3..8 (info .. webhook_slack_to_from). */
    private static void bindSettings(PreparedStatement ps, ReservedAddress a) throws SQLException {
        ps.setString(3, a.info());
        ps.setString(4, a.forward());
        ps.setInt(5, a.enablews() ? 1 : 0);
        ps.setString(6, a.webhook());
        ps.setString(7, a.webhookSlack());
        ps.setInt(8, a.webhookSlackToFrom() ? 1 : 0);
    }

    @Override
    public boolean updateAddress(ReservedAddress a) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("UPDATE addresses SET owner = ?, info = ?, forward = ?, enablews = ?, webhook = ?,"
                    + " webhook_slack = ?, webhook_slack_to_from = ?, updated = ? WHERE address = ?");
            ps.setString(1, a.owner());
            ps.setString(2, a.info());
            ps.setString(3, a.forward());
            ps.setInt(4, a.enablews() ? 1 : 0);
            ps.setString(5, a.webhook());
            ps.setString(6, a.webhookSlack());
            ps.setInt(7, a.webhookSlackToFrom() ? 1 : 0);
            ps.setLong(8, a.updated().toEpochMilli());
            ps.setString(9, a.address());
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public boolean deleteAddress(String address) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("DELETE FROM addresses WHERE address = ?");
            ps.setString(1, address);
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public List<CustomDomain> domains() {
        return readers.read(db -> {
            List<CustomDomain> out = new ArrayList<>();
            try (ResultSet r = db.prepare("SELECT " + DOMAIN_COLUMNS + " FROM domains ORDER BY domain").executeQuery()) {
                while (r.next()) {
                    out.add(new CustomDomain(r.getString(1), r.getString(2), r.getInt(3) != 0, r.getInt(4) != 0,
                            Instant.ofEpochMilli(r.getLong(5)), Instant.ofEpochMilli(r.getLong(6))));
                }
            }
            return out;
        });
    }

    @Override
    public void insertDomain(CustomDomain d) {
        writer.execute(db -> {
            if (exists(db, "SELECT 1 FROM domains WHERE domain = ?", d.domain())) {
                throw new DuplicateException("domain " + d.domain() + " already exists");
            }
            PreparedStatement ps = db.prepare("INSERT INTO domains (" + DOMAIN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)");
            ps.setString(1, d.domain());
            ps.setString(2, d.owner());
            ps.setInt(3, d.enablews() ? 1 : 0);
            ps.setInt(4, d.isPrivate() ? 1 : 0);
            ps.setLong(5, d.created().toEpochMilli());
            ps.setLong(6, d.updated().toEpochMilli());
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public boolean updateDomain(CustomDomain d) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("UPDATE domains SET owner = ?, enablews = ?, is_private = ?, updated = ? WHERE domain = ?");
            ps.setString(1, d.owner());
            ps.setInt(2, d.enablews() ? 1 : 0);
            ps.setInt(3, d.isPrivate() ? 1 : 0);
            ps.setLong(4, d.updated().toEpochMilli());
            ps.setString(5, d.domain());
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public boolean deleteDomain(String domain) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("DELETE FROM domains WHERE domain = ?");
            ps.setString(1, domain);
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public long directoryVersion() {
        return readers.read(db -> {
            try (ResultSet r = db.prepare("SELECT version FROM directory_version WHERE id = 1").executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }
}
