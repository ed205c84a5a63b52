-- example.sql - the bundled example: the 11th SMA between South Korea and
-- the US, 2019-2021, as told by the Korea Herald on 2021-02-22 ("Seoul,
-- Washington close to striking defense cost-sharing deal", citing CNN and
-- Yonhap), with dates of rounds and agreements from the public record.
-- Amounts are KRW unless a currency is given.

INSERT INTO source (key, outlet, title, url, published, notes) VALUES
('koreaherald-2021-02-22', 'Korea Herald', 'Seoul, Washington close to striking defense cost-sharing deal', NULL, '2021-02-22',
 'By Ahn Sung-mi. Reports CNN''s account of a near deal and Yonhap''s of the State Department''s comments.'),
('cnn-2021-02', 'CNN', 'US and South Korea close to a deal on the cost of US troops (as reported by the Korea Herald)', NULL, '2021-02~',
 'Cited by the Korea Herald: a deal "just weeks away", citing multiple sources.'),
('yonhap-2021-02-22', 'Yonhap', 'State Department: the two sides are "making progress"', NULL, '2021-02-22~',
 'Cited by the Korea Herald.');

INSERT INTO agreement (code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes) VALUES
('SMA-10', '10th Special Measures Agreement', 'KR,US', 'KRW', 1038900000000, 960200000000, NULL, 2019, 2019, '2019-03-08',
 'koreaherald-2021-02-22', 'One-year deal: 1.0389 trillion won for 2019 ("1.04 trillion won ($919.1 million)"); baseline is the 2018 contribution under the 9th SMA.'),
('SMA-11', '11th Special Measures Agreement', 'KR,US', 'KRW', NULL, NULL, 'SMA-10', 2020, 2025, '2021-04-08',
 'koreaherald-2021-02-22', 'Talks from September 2019; the 10th SMA expired at the end of 2019.');

INSERT INTO round (agreement, seq, start, "end", location, format, source, notes) VALUES
('SMA-11', 1, '2019-09-24', '2019-09-25', 'Seoul', 'in-person', 'koreaherald-2021-02-22', 'Talks begin: "multiple rounds of talks since September 2019".'),
('SMA-11', 2, '2019-10-23', '2019-10-24', 'Honolulu', 'in-person', NULL, NULL),
('SMA-11', 3, '2019-11-18', '2019-11-19', 'Seoul', 'in-person', NULL, 'The US delegation left the table early.'),
('SMA-11', 4, '2019-12-03', '2019-12-04', 'Washington', 'in-person', NULL, NULL),
('SMA-11', 5, '2019-12-17', '2019-12-18', 'Seoul', 'in-person', NULL, NULL),
('SMA-11', 6, '2020-01-14', '2020-01-15', 'Washington', 'in-person', NULL, NULL),
('SMA-11', 7, '2020-03-17', '2020-03-19', 'Los Angeles', 'in-person', NULL, NULL),
('SMA-11', 8, '2021-02-05', '2021-02-05', NULL, 'video', 'koreaherald-2021-02-22',
 'Top negotiators by videoconference: the first talks since President Biden''s inauguration.');

INSERT INTO position (agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes) VALUES
('SMA-11', NULL, '2020-03~', 'KR', 'offer', NULL, NULL, 1300, NULL, 'reported', NULL, 'koreaherald-2021-02-22',
 'Seoul''s "best offer": a 13 percent hike from the 2019 accord.'),
('SMA-11', NULL, '2020-04~', 'US', 'demand', NULL, NULL, 5000, NULL, 'reported', NULL, 'koreaherald-2021-02-22',
 'Trump turned down the offer and reportedly demanded a 50 percent increase.'),
('SMA-11', NULL, '2021-02~', 'KR', 'offer', NULL, NULL, 1300, NULL, 'reported',
 'mandated increases in South Korea''s defense budget; purchases of certain US military equipment',
 'cnn-2021-02;koreaherald-2021-02-22', 'CNN: a multiyear deal with a 13 percent increase is "just weeks away".'),
('SMA-11', NULL, '2021-03-07', 'KR', 'offer', 1183300000000, 'KRW', NULL, 6, 'confirmed', 'rises with South Korea''s defense budget after 2021', NULL,
 'Agreed figure for 2021, 13.9 percent over 2019 (public record).');

INSERT INTO outcome (agreement, round, date, kind, source, notes) VALUES
('SMA-10', NULL, '2019-03-08', 'signed', NULL, 'Public record.'),
('SMA-10', NULL, '2019-12-31', 'expired', 'koreaherald-2021-02-22', 'The last one-year deal expired at the end of 2019.'),
('SMA-11', NULL, '2020-04~', 'rejected', 'koreaherald-2021-02-22', 'The two sides were close to signing, but Trump turned down Seoul''s offer.'),
('SMA-11', NULL, '2021-03-07', 'tentative', NULL, 'Agreement in principle: a six-year deal, 2020 to 2025 (public record).'),
('SMA-11', NULL, '2021-04-08', 'signed', NULL, 'Public record.');

INSERT INTO furlough (agreement, start, "end", workers, stopgap, currency, source, notes) VALUES
('SMA-11', '2020-04-01', '2020-06-15', 4000, NULL, NULL, 'koreaherald-2021-02-22',
 'Some 4,000 Korean employees of USFK on unpaid leave for more than two months; Seoul decided to provide stopgap funding to pay their wages.');

INSERT INTO rate (date, currency, per_usd_e4, source, notes) VALUES
('2021-02-22', 'KRW', 11315000, 'koreaherald-2021-02-22',
 'From "1.04 trillion won ($919.1 million)": 1.04 trillion / 919.1 million = 1,131.5 won per dollar.');
