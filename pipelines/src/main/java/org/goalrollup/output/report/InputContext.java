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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.goalrollup.input.CsvReader;
import org.goalrollup.input.CsvRecord;

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
      Set<Long> rejected = new HashSet<>();
      for (RunOutputs.RejectRow r : rejects) {
        if (r.file().equals("region.csv")) {
          rejected.add(r.line());
        }
      }
      Map<String, Integer> col = columns(regionRecords.get(0));
      Map<RegionKey, Long> revisions = new HashMap<>();
      for (CsvRecord r : regionRecords.subList(1, regionRecords.size())) {
        if (r.isMalformed() || rejected.contains(r.line())) {
          continue;
        }
        String district = field(r, col.get("district"));
        String year = field(r, col.get("year"));
        String rev = field(r, col.get("revision"));
        try {
          RegionKey key = new RegionKey(district, Integer.parseInt(year));
          long revision = rev == null || rev.isEmpty() ? 0 : Long.parseLong(rev);
          Long seen = revisions.get(key);
          if (district != null && (seen == null || revision > seen)) {
            revisions.put(key, revision);
            region.put(
                key,
                new RegionRow(
                    field(r, col.get("gdp")),
                    field(r, col.get("va_price_index")),
                    field(r, col.get("other_rd_expenditure"))));
          }
        } catch (NumberFormatException e) {
          // an accepted row always has a valid year and revision; a row that is not accepted
          // is in the rejects and skipped above
        }
      }
    }
    return new InputContext(names, region, notes);
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
