package com.dinsight.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A database of its own for one test class, on the JVM's shared test server. */
public record TestDatabase(String jdbcUrl, String user, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
