package dev.pharos.persistence;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Stores Pushgateway groups ({@link PushGroupEntity}, table {@code pharos_pushgateway_group}).
 * Every change commits in a transaction of its own before the call returns, so that the
 * caller can acknowledge a push only once it is durable.
 *
 * <p>The group commit ({@link #apply}) writes through JDBC on the persistence unit's own JTA
 * datasource, inside the container transaction: one batched UPDATE for all groups of the
 * batch, one batched INSERT for those not stored yet, one batched DELETE. Loading each group
 * as an entity first (a SELECT per group, then Hibernate's flush) cost more than half of a
 * push's CPU. Reads and the schema stay JPA's.
 */
@Stateless
public class PushGroupRepository {

    private static final String TABLE = "pharos_pushgateway_group";
    private static final String UPDATE = "update " + TABLE
            + " set families = ?, push_time_ms = ?, failure_time_ms = ?, expiry_ms = ? where id = ?";
    private static final String INSERT = "insert into " + TABLE
            + " (id, group_key, families, push_time_ms, failure_time_ms, expiry_ms) values (?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "delete from " + TABLE + " where id = ?";
    private static final String EXISTS = "select count(*) from " + TABLE + " where id = ?";

    @PersistenceContext(unitName = "pharos")
    EntityManager em;

    @Resource(lookup = "jdbc/pharos")
    DataSource dataSource;

    /** Whether the database is H2 (set by {@link #useInlineBinaryColumn} at start). */
    private static volatile boolean h2;

    /** Stores and removes the groups of a batch in one transaction (the group commit). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void apply(PushGroupBatch batch) {
        try (Connection c = dataSource.getConnection()) {
            List<PushGroupEntity> saves = batch.saves();
            if (!saves.isEmpty()) {
                int[] updated;
                try (PreparedStatement u = c.prepareStatement(UPDATE)) {
                    for (PushGroupEntity e : saves) {
                        u.setBytes(1, e.families());
                        u.setLong(2, e.pushTimeMs());
                        u.setLong(3, e.failureTimeMs());
                        u.setLong(4, e.expiryMs());
                        u.setString(5, e.id());
                        u.addBatch();
                    }
                    updated = u.executeBatch();
                }
                List<PushGroupEntity> inserts = new ArrayList<>();
                for (int i = 0; i < saves.size(); i++) {
                    int n = i < updated.length ? updated[i] : Statement.SUCCESS_NO_INFO;
                    if (n == 0 || (n == Statement.SUCCESS_NO_INFO && !exists(c, saves.get(i).id()))) {
                        inserts.add(saves.get(i));
                    }
                }
                if (!inserts.isEmpty()) {
                    try (PreparedStatement ins = c.prepareStatement(INSERT)) {
                        for (PushGroupEntity e : inserts) {
                            ins.setString(1, e.id());
                            ins.setString(2, e.groupKey());
                            ins.setBytes(3, e.families());
                            ins.setLong(4, e.pushTimeMs());
                            ins.setLong(5, e.failureTimeMs());
                            ins.setLong(6, e.expiryMs());
                            ins.addBatch();
                        }
                        ins.executeBatch();
                    }
                }
            }
            if (!batch.deletes().isEmpty()) {
                try (PreparedStatement d = c.prepareStatement(DELETE)) {
                    for (String id : batch.deletes()) {
                        d.setString(1, id);
                        d.addBatch();
                    }
                    d.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("storing " + batch.saves().size() + " push groups failed", e);
        }
    }

    /**
     * Makes the last commit reach the database file before the pushes are acknowledged. H2
     * keeps committed changes in memory for up to its WRITE_DELAY (500 ms), so a kill -9 right
     * after an acknowledgement lost the push (CrashIT); CHECKPOINT writes them out now, once
     * per group-commit batch. WRITE_DELAY=0 would do it for every commit in the database but
     * also stops H2's background compaction: the file grew by hundreds of MB a minute under
     * pushes. PostgreSQL is durable at commit already.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void writeThrough() {
        if (!h2) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new PersistenceException("writing the push groups to the database file failed", e);
        }
    }

    /** For drivers that answer a batch with SUCCESS_NO_INFO: whether the row is there. */
    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EXISTS)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getLong(1) > 0;
            }
        }
    }

    /**
     * Makes the families column an inline VARBINARY on H2. Hibernate's H2 dialect turns a
     * {@code byte[]} longer than 1 MiB into a BLOB, and every push then wrote a LOB (and H2's
     * LOB cleaner removed the old one): about a third of H2's time per push. H2 keeps
     * VARBINARY values far beyond 1 MiB, so the column is changed once, keeping its data;
     * {@code hbm2ddl=update} leaves an existing column alone. PostgreSQL has bytea already.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void useInlineBinaryColumn() {
        em.getMetamodel(); // the persistence unit (and so the generated table) exists from here on
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            h2 = "H2".equalsIgnoreCase(md.getDatabaseProductName());
            if (!h2) {
                return;
            }
            boolean blob;
            try (ResultSet r = md.getColumns(null, null, TABLE.toUpperCase(Locale.ROOT), "FAMILIES")) {
                blob = r.next() && (r.getInt("DATA_TYPE") == Types.BLOB
                        || r.getString("TYPE_NAME").toUpperCase(Locale.ROOT).contains("LARGE"));
            }
            if (blob) {
                try (Statement s = c.createStatement()) {
                    s.execute("alter table " + TABLE + " alter column families set data type varbinary(1000000000)");
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not make the push group column inline", e);
        }
    }

    /** The stored group, or null: a failed batch reloads memory from it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public PushGroupEntity find(String id) {
        return em.find(PushGroupEntity.class, id);
    }

    public List<PushGroupEntity> all() {
        return em.createQuery("select g from PushGroupEntity g", PushGroupEntity.class).getResultList();
    }
}
