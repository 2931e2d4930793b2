package org.goalrollup.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.goalrollup.stats.CellKey;

/**
 * Primary and secondary suppression: the contributor statistics of every cell go in, the status
 * string of every cell with contributors comes out under the same key (one {@link Conf} code per
 * {@link Group}; a cell that is absent has no contributors and is free). The cells of one (year,
 * sector) line are gathered on one worker: a line is small (the districts plus ALL). Base cells
 * ({@link ComputeContributorStats#baseKey}) form lines of their own.
 */
public final class SuppressCells
    extends PTransform<PCollection<KV<String, ContributorStats>>, PCollection<KV<String, String>>> {
  private final DisclosureRules rules;

  public SuppressCells(DisclosureRules rules) {
    this.rules = rules;
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, ContributorStats>> cells) {
    return cells
        .apply(
            "ByLine",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(),
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(ContributorStats.class))))
                .via(
                    (KV<String, ContributorStats> kv) -> {
                      CellKey k = CellKey.decode(ComputeContributorStats.cellOf(kv.getKey()));
                      String line = CellKey.encode(k.year(), k.sector(), "");
                      return KV.of(
                          ComputeContributorStats.isBase(kv.getKey())
                              ? ComputeContributorStats.baseKey(line)
                              : line,
                          KV.of(k.district(), kv.getValue()));
                    }))
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(),
                KvCoder.of(StringUtf8Coder.of(), ContributorStats.Coder.of())))
        .apply("GroupLines", GroupByKey.create())
        .apply("Suppress", ParDo.of(new SuppressLineFn(rules)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  /** Statuses of the cells of one line (one year and sector), keyed by district. */
  public static Map<String, String> line(
      Map<String, ContributorStats> byDistrict, DisclosureRules rules) {
    List<String> districts = new ArrayList<>(byDistrict.keySet());
    Map<String, Conf[]> status = new TreeMap<>();
    districts.forEach(d -> status.put(d, new Conf[Group.values().length]));
    for (Group g : Group.values()) {
      List<SecondarySuppression.LineCell> line = new ArrayList<>();
      for (String d : districts) {
        ContributorStats s = byDistrict.get(d);
        line.add(
            new SecondarySuppression.LineCell(
                d, rules.primary(s, g), s.size(g), s.contributors(g)));
      }
      List<Conf> out = SecondarySuppression.protect(line);
      for (int i = 0; i < districts.size(); i++) {
        status.get(districts.get(i))[g.ordinal()] = out.get(i);
      }
    }
    Map<String, String> out = new TreeMap<>();
    status.forEach((d, c) -> out.put(d, Conf.encode(c)));
    return out;
  }

  static final class SuppressLineFn
      extends DoFn<KV<String, Iterable<KV<String, ContributorStats>>>, KV<String, String>> {
    private final DisclosureRules rules;

    SuppressLineFn(DisclosureRules rules) {
      this.rules = rules;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, ContributorStats>>> lineCells,
        OutputReceiver<KV<String, String>> out) {
      boolean base = ComputeContributorStats.isBase(lineCells.getKey());
      CellKey line = CellKey.decode(ComputeContributorStats.cellOf(lineCells.getKey()));
      Map<String, ContributorStats> byDistrict = new TreeMap<>();
      for (KV<String, ContributorStats> c : lineCells.getValue()) {
        byDistrict.put(c.getKey(), c.getValue());
      }
      line(byDistrict, rules)
          .forEach(
              (d, s) -> {
                String cell = CellKey.encode(line.year(), line.sector(), d);
                out.output(KV.of(base ? ComputeContributorStats.baseKey(cell) : cell, s));
              });
    }
  }
}
