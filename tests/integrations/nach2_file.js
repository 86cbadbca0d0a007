// Writes a NACHA file with nach2 (an implementation independent of the portal's) from a
// JSON description on stdin: the file header's fields, then batches of entries. Prints
// the file. tests/integrations/test_nach2.py compares it with the rail's own, byte for
// byte: record lengths, padding, blocking, entry hash, totals and counts as nach2
// computes them.
const path = require("path");
const nach = require(path.join(__dirname, "..", "..", "web", "node_modules", "nach2"));

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const spec = JSON.parse(input);
  const file = new nach.File({
    immediateDestination: spec.destination, immediateOrigin: spec.origin,
    immediateDestinationName: spec.destination_name, immediateOriginName: spec.origin_name,
    referenceCode: spec.reference, fileIdModifier: spec.modifier,
  });
  file.set("fileCreationDate", spec.created_date);
  file.set("fileCreationTime", spec.created_time);
  file._batchSequenceNumber = 1;  // nach2 numbers batches from 0; NACHA (and moov-io/ach) from 1
  for (const b of spec.batches) {
    const [y, m, d] = b.effective.split("-").map(Number);
    const batch = new nach.Batch({
      serviceClassCode: "225", companyName: spec.company_name,
      companyIdentification: spec.company_id, standardEntryClassCode: b.sec,
      companyEntryDescription: b.description, companyDescriptiveDate: " ",
      effectiveEntryDate: new Date(y, m - 1, d),
      originatingDFI: spec.odfi,
    });
    for (const e of b.entries) {
      batch.addEntry(new nach.Entry({
        receivingDFI: e.routing.slice(0, 8), DFIAccount: e.account,
        amount: (e.amount_cents / 100).toFixed(2), idNumber: e.id, individualName: e.name,
        // nach2 takes no empty alphanumeric field: a blank one (PPD's) is a space
        discretionaryData: e.discretionary || " ", transactionCode: e.code, traceNumber: e.trace,
      }));
    }
    file.addBatch(batch);
  }
  file.generateFile((text) => process.stdout.write(text.replace(/\r\n/g, "\n") + "\n"));
});
