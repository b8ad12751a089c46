/** Implementation of the JDBC stores; not exported, may change without notice. */
package dev.partnerflow.jdbc.internal;
