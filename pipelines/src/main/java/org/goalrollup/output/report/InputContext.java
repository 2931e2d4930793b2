package org.goalrollup.output.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.goalrollup.input.CsvReader;
import org.goalrollup.input.CsvRecord;
import org.goalrollup.input.Header;
import org.goalrollup.input.InputException;
import org.goalrollup.input.InputFile;
import org.goalrollup.input.Revisions;
import org.goalrollup.input.Row;
import org.goalrollup.input.RowParsers;
import org.goalrollup.input.RowRejected;
import org.goalrollup.model.RegionRecord;

/**
 * Two things the report shows that the output tables do not carry, taken from the run's input
 * folder: the sectors' names (sectors.csv) and the region figures behind the price index and R&D
 * intensity (region.csv). A file is used only if it still has the bytes the manifest recorded;
 * otherwise, or if it cannot be read, the report falls back to codes and rules.
 */
record InputContext(
    Map<String, String> sectorNames, Map<RegionKey, RegionRow> region, List<String> notes) {

  /** A region.csv key. */
  record RegionKey(String district, int year) {}

  /** The in-force region.csv row of a key, values as written (index empty = 100). */
  record RegionRow(String gdp, String priceIndex, String otherRd) {}

  static InputContext empty() {
    return new InputContext(Map.of(), Map.of(), List.of());
  }

  static InputContext read(RunOutputs.Manifest manifest, List<RunOutputs.RejectRow> rejects) {
    if (manifest.input() == null) {
      return empty();
    }
    String charset = manifest.charset() != null ? manifest.charset() : "UTF-8";
    List<String> notes = new java.util.ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    List<CsvRecord> sectors = records(manifest, "sectors.csv", charset, notes);
    if (sectors.size() > 1) {
      Map<String, Integer> col = columns(sectors.get(0));
      Integer id = col.get("sector_id");
      Integer name = col.get("sector_name");
      for (CsvRecord r : sectors.subList(1, sectors.size())) {
        String sid = field(r, id);
        String sname = field(r, name);
        if (sid != null && sname != null && !sname.isEmpty()) {
          names.putIfAbsent(sid, sname);
        }
      }
    }
    Map<RegionKey, RegionRow> region = new HashMap<>();
    List<CsvRecord> regionRecords = records(manifest, "region.csv", charset, notes);
    if (regionRecords.size() > 1) {
      inForceRegion(regionRecords, region);
    }
    return new InputContext(names, region, notes);
  }

  /**
   * The in-force region.csv rows, chosen by the pipeline's own row parser and revision rule (so the
   * report names exactly the rows the figures used), with their values as written.
   */
  private static void inForceRegion(List<CsvRecord> records, Map<RegionKey, RegionRow> region) {
    Header header;
    try {
      header =
          Header.of(
              InputFile.REGION.fileName(), records.get(0).fields(), InputFile.REGION.columns());
    } catch (InputException e) {
      return;
    }
    Map<Long, CsvRecord> byLine = new HashMap<>();
    List<RegionRecord> valid = new java.util.ArrayList<>();
    for (CsvRecord r : records.subList(1, records.size())) {
      if (r.isMalformed() || r.fields().size() != header.size()) {
        continue;
      }
      try {
        valid.add(RowParsers.region(new Row(header, r)));
        byLine.put(r.line(), r);
      } catch (RowRejected e) {
        // rejected rows are in the rejects output and take no part
      }
    }
    Revisions.Outcome<RegionRecord> o =
        Revisions.resolve(valid, r -> r.getDistrict() + "\u0001" + r.getYear());
    Map<String, Integer> col = columns(records.get(0));
    for (RegionRecord r : o.inForce) {
      CsvRecord rec = byLine.get(r.getLineNumber());
      region.put(
          new RegionKey(r.getDistrict(), r.getYear()),
          new RegionRow(
              field(rec, col.get("gdp")),
              field(rec, col.get("va_price_index")),
              field(rec, col.get("other_rd_expenditure"))));
    }
  }

  /**
   * The records of an input file, header first; empty if the file is absent, unreadable or changed
   * since the run (a note says which).
   */
  private static List<CsvRecord> records(
      RunOutputs.Manifest manifest, String fileName, String charset, List<String> notes) {
    ResourceId id;
    byte[] bytes;
    try {
      id =
          FileSystems.matchNewResource(manifest.input(), true)
              .resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
      try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
        bytes = in.readAllBytes();
      }
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
    RunOutputs.InputCount recorded = manifest.input(fileName);
    if (recorded != null && recorded.sha256() != null && !recorded.sha256().equals(sha256(bytes))) {
      notes.add(fileName + " has changed since the run; its names and figures are not used here.");
      return List.of();
    }
    try {
      String text =
          Charset.forName(charset)
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      List<CsvRecord> out = new java.util.ArrayList<>();
      try (CsvReader reader = new CsvReader(new StringReader(text))) {
        for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
          out.add(r);
        }
      }
      return out.isEmpty() || out.get(0).isMalformed() ? List.of() : out;
    } catch (IOException e) {
      // CharacterCodingException included: the run itself would have failed on such bytes
      return List.of();
    }
  }

  private static Map<String, Integer> columns(CsvRecord header) {
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      col.putIfAbsent(header.fields().get(i), i);
    }
    return col;
  }

  private static String field(CsvRecord r, Integer index) {
    if (index == null || r.isMalformed() || index >= r.fields().size()) {
      return null;
    }
    return r.fields().get(index);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The price index in force for value added of (district, year), as the contract picks it. */
  PriceIndex priceIndex(String district, int year) {
    RegionRow own = region.get(new RegionKey(district, year));
    if (own != null) {
      boolean empty = own.priceIndex() == null || own.priceIndex().isEmpty();
      return new PriceIndex(empty ? "100" : own.priceIndex(), empty ? Source.EMPTY : Source.OWN);
    }
    RegionRow all = region.get(new RegionKey("ALL", year));
    if (all != null && all.priceIndex() != null && !all.priceIndex().isEmpty()) {
      return new PriceIndex(all.priceIndex(), "ALL".equals(district) ? Source.OWN : Source.REGION);
    }
    return new PriceIndex("100", Source.NONE);
  }

  /** Where a price index came from. */
  enum Source {
    OWN,
    EMPTY,
    REGION,
    NONE
  }

  record PriceIndex(String value, Source source) {}

  /** Whether region.csv could be read (so the report can name the indices). */
  boolean hasRegion() {
    return !region.isEmpty();
  }
}
