package io.floe.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;
import org.apache.calcite.avatica.util.Cursor.Accessor;
import org.joou.UByte;
import org.joou.UInteger;
import org.joou.ULong;
import org.joou.UShort;

/** An accessor that forwards every call to Avatica's; subclasses change the calls they must. */
abstract class DelegatingAccessor implements Accessor {
  protected final Accessor base;

  DelegatingAccessor(Accessor base) {
    this.base = base;
  }

  @Override public boolean wasNull() throws SQLException {
    return base.wasNull();
  }

  @Override public String getString() throws SQLException {
    return base.getString();
  }

  @Override public boolean getBoolean() throws SQLException {
    return base.getBoolean();
  }

  @Override public byte getByte() throws SQLException {
    return base.getByte();
  }

  @Override public UByte getUByte() throws SQLException {
    return base.getUByte();
  }

  @Override public short getShort() throws SQLException {
    return base.getShort();
  }

  @Override public UShort getUShort() throws SQLException {
    return base.getUShort();
  }

  @Override public int getInt() throws SQLException {
    return base.getInt();
  }

  @Override public UInteger getUInt() throws SQLException {
    return base.getUInt();
  }

  @Override public long getLong() throws SQLException {
    return base.getLong();
  }

  @Override public ULong getULong() throws SQLException {
    return base.getULong();
  }

  @Override public float getFloat() throws SQLException {
    return base.getFloat();
  }

  @Override public double getDouble() throws SQLException {
    return base.getDouble();
  }

  @Override public BigDecimal getBigDecimal() throws SQLException {
    return base.getBigDecimal();
  }

  @Override public BigDecimal getBigDecimal(int scale) throws SQLException {
    return base.getBigDecimal(scale);
  }

  @Override public byte[] getBytes() throws SQLException {
    return base.getBytes();
  }

  @Override public InputStream getAsciiStream() throws SQLException {
    return base.getAsciiStream();
  }

  @Override public InputStream getUnicodeStream() throws SQLException {
    return base.getUnicodeStream();
  }

  @Override public InputStream getBinaryStream() throws SQLException {
    return base.getBinaryStream();
  }

  @Override public Object getObject() throws SQLException {
    return base.getObject();
  }

  @Override public Reader getCharacterStream() throws SQLException {
    return base.getCharacterStream();
  }

  @Override public Object getObject(Map<String, Class<?>> map) throws SQLException {
    return base.getObject(map);
  }

  @Override public Ref getRef() throws SQLException {
    return base.getRef();
  }

  @Override public Blob getBlob() throws SQLException {
    return base.getBlob();
  }

  @Override public Clob getClob() throws SQLException {
    return base.getClob();
  }

  @Override public Array getArray() throws SQLException {
    return base.getArray();
  }

  @Override public Struct getStruct() throws SQLException {
    return base.getStruct();
  }

  @Override public Date getDate(Calendar calendar) throws SQLException {
    return base.getDate(calendar);
  }

  @Override public Time getTime(Calendar calendar) throws SQLException {
    return base.getTime(calendar);
  }

  @Override public Timestamp getTimestamp(Calendar calendar) throws SQLException {
    return base.getTimestamp(calendar);
  }

  @Override public URL getURL() throws SQLException {
    return base.getURL();
  }

  @Override public NClob getNClob() throws SQLException {
    return base.getNClob();
  }

  @Override public SQLXML getSQLXML() throws SQLException {
    return base.getSQLXML();
  }

  @Override public String getNString() throws SQLException {
    return base.getNString();
  }

  @Override public Reader getNCharacterStream() throws SQLException {
    return base.getNCharacterStream();
  }

  @Override public <T> T getObject(Class<T> type) throws SQLException {
    return base.getObject(type);
  }
}
