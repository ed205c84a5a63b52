-- example.sql - the bundled example: the 10th, 11th and 12th SMA between
-- South Korea and the US, 2019-2030: the Korea Herald's account of the
-- 11th SMA talks on 2021-02-22 (citing CNN and Yonhap), and the published
-- facts of ../shared/data/sma-facts.md, each row citing where it was
-- published.  What is not known is left empty, never guessed: SMA-11's
-- amounts for 2022-2024, SMA-12's for 2027-2030, the index values behind
-- them, the dates of SMA-12's rounds 2 to 8.  Amounts are KRW unless a
-- currency is given.

INSERT INTO source (key, outlet, title, url, published, notes) VALUES
('koreaherald-2021-02-22', 'Korea Herald', 'Seoul, Washington close to striking defense cost-sharing deal', NULL, '2021-02-22',
 'By Ahn Sung-mi. Reports CNN''s account of a near deal and Yonhap''s of the State Department''s comments.'),
('cnn-2021-02', 'CNN', 'US and South Korea close to a deal on the cost of US troops (as reported by the Korea Herald)', NULL, '2021-02~',
 'Cited by the Korea Herald: a deal "just weeks away", citing multiple sources.'),
('yonhap-2021-02-22', 'Yonhap', 'State Department: the two sides are "making progress"', NULL, '2021-02-22~',
 'Cited by the Korea Herald.'),
('nyt-2019-02-10', 'New York Times', NULL,
 'http://www.hotbeak.com/us/2019/02/10/us-and-south-korea-sign-deal-on-shared-defense-costs_s_214621676.html', '2019-02-10',
 'As reprinted by hotbeak.com: the deal reported as signed that Sunday, about 1.04 trillion won ($925 million).'),
('kbs-2021-03-08', 'KBS', NULL, 'https://news.kbs.co.kr/news/view.do?ncd=5133674', '2021-03-08', NULL),
('nknews-2021-03', 'NK News', NULL,
 'https://nknews.org/2021/03/south-korea-to-pay-almost-14-more-to-fund-us-military-presence-in-the-country', '2021-03', NULL),
('chosun-2024-10-17', 'Chosun Ilbo', NULL,
 'https://chosun.com/english/national-en/2024/10/17/EPKQS6EJ5RANBNEZAJL62DXU5M/', '2024-10-17', NULL),
('aseantribune-2024-11', 'ASEAN Tribune', NULL,
 'https://aseantribune.com/s-korea-u-s-sign-defense-cost-sharing-deal-ahead-of-u-s-elections', '2024-11', NULL),
('kbsworld-2024-04-26', 'KBS World', NULL, 'http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=185131', '2024-04-26', NULL),
('metroradio-2024-10-04', 'Metro Radio', NULL, 'https://metroradio.com.hk/News/eng.aspx?NewsId=20241004183603&page=0', '2024-10-04',
 'A Reuters report.'),
('nknews-2024-10', 'NK News', NULL,
 'https://nknews.org/2024/10/us-rok-reach-new-defense-cost-sharing-deal-for-troops-to-counter-north-korea', '2024-10', NULL),
('joongang-2024-10-16', 'Korea JoongAng Daily', NULL,
 'https://koreajoongangdaily.joins.com/news/2024-10-16/national/diplomacy/Theyd-be-happy-to-do-it-Trump-claims-money-machine-South-Korea-would-pay-10-billion-a-year-if-he-was-president/2156104',
 '2024-10-16', NULL);

INSERT INTO agreement (code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes) VALUES
('SMA-10', '10th Special Measures Agreement', 'KR,US', 'KRW', 1038900000000, 960200000000, NULL, 2019, 2019, '2019-03-08',
 'koreaherald-2021-02-22;nyt-2019-02-10', 'One-year deal: 1.0389 trillion won for 2019 ("1.04 trillion won ($919.1 million)"); baseline is the 2018 contribution under the 9th SMA.'),
('SMA-11', '11th Special Measures Agreement', 'KR,US', 'KRW', 1038900000000, NULL, 'SMA-10', 2020, 2025, '2021-04-08',
 'koreaherald-2021-02-22;nknews-2021-03', 'Talks from September 2019; the 10th SMA expired at the end of 2019. Six years: 2020 at the 2019 level, 2021 +13.9%, later years with South Korea''s defense budget.'),
('SMA-12', '12th Special Measures Agreement', 'KR,US', 'KRW', 1519200000000, NULL, 'SMA-11', 2026, 2030, '2024-11-04',
 'metroradio-2024-10-04;nknews-2024-10;aseantribune-2024-11', 'Five years: 2026 at 1.5192 trillion won, +8.3% over 2025; later years with the consumer price index instead of the defense budget.');

-- Each agreement year, with the amount where it was published.  The rules
-- that set the later years (SMA-11's with South Korea's defense budget,
-- KR.DEFENSE; SMA-12's with the consumer price index, KR.CPI, capped at
-- 5%) are in each year's rule; no value of either series was published
-- here, so `terms` leaves those years' expected amounts empty and says so.  New rows of the older kinds
-- come after the old ones, so that the example's ids stay what they were.
INSERT INTO schedule (agreement, year, amount, currency, "index", lag, cap_bp, floor_bp, source, notes) VALUES
('SMA-10', 2019, 1038900000000, 'KRW', NULL, NULL, NULL, NULL, 'koreaherald-2021-02-22', NULL),
('SMA-11', 2020, 1038900000000, 'KRW', NULL, NULL, NULL, NULL, 'nknews-2021-03', 'At the 2019 level.'),
('SMA-11', 2021, 1183300000000, 'KRW', NULL, NULL, NULL, NULL, 'nknews-2021-03', '+13.9% over 2020.'),
('SMA-11', 2022, NULL, 'KRW', 'KR.DEFENSE', NULL, NULL, NULL, 'nknews-2021-03',
 'Rises with South Korea''s defense budget growth (KR.DEFENSE); the amount was not published here.'),
('SMA-11', 2023, NULL, 'KRW', 'KR.DEFENSE', NULL, NULL, NULL, 'nknews-2021-03',
 'Rises with South Korea''s defense budget growth (KR.DEFENSE); the amount was not published here.'),
('SMA-11', 2024, NULL, 'KRW', 'KR.DEFENSE', NULL, NULL, NULL, 'nknews-2021-03',
 'Rises with South Korea''s defense budget growth (KR.DEFENSE); the amount was not published here.'),
('SMA-11', 2025, 1402800000000, 'KRW', 'KR.DEFENSE', NULL, NULL, NULL, 'nknews-2021-03;chosun-2024-10-17;aseantribune-2024-11',
 '"1.4 trillion won in 2025"; set by South Korea''s defense budget growth (KR.DEFENSE).'),
('SMA-12', 2026, 1519200000000, 'KRW', NULL, NULL, NULL, NULL, 'metroradio-2024-10-04;nknews-2024-10;aseantribune-2024-11',
 '"1.52 trillion won", +8.3% over 2025.'),
('SMA-12', 2027, NULL, 'KRW', 'KR.CPI', NULL, 500, NULL, 'aseantribune-2024-11',
 'Adjusted by the consumer price index (KR.CPI), capped at 5% a year (widely reported, not confirmed here); the amount was not published here.'),
('SMA-12', 2028, NULL, 'KRW', 'KR.CPI', NULL, 500, NULL, 'aseantribune-2024-11',
 'Adjusted by the consumer price index (KR.CPI), capped at 5% a year (widely reported, not confirmed here); the amount was not published here.'),
('SMA-12', 2029, NULL, 'KRW', 'KR.CPI', NULL, 500, NULL, 'aseantribune-2024-11',
 'Adjusted by the consumer price index (KR.CPI), capped at 5% a year (widely reported, not confirmed here); the amount was not published here.'),
('SMA-12', 2030, NULL, 'KRW', 'KR.CPI', NULL, 500, NULL, 'aseantribune-2024-11',
 'Adjusted by the consumer price index (KR.CPI), capped at 5% a year (widely reported, not confirmed here); the amount was not published here.');

INSERT INTO actor (key, name, party, role, notes) VALUES
('trump', 'Donald Trump', 'US', 'president, then candidate', 'Demanded about $5 billion a year during his first term.'),
('lee-tae-woo', 'Lee Tae-woo', 'KR', 'chief negotiator', 'For the 12th SMA.'),
('linda-specht', 'Linda Specht', 'US', 'chief negotiator', 'For the 12th SMA.'),
('cho-tae-yul', 'Cho Tae-yul', 'KR', 'Foreign Minister', 'Signed the 12th SMA.'),
('philip-goldberg', 'Philip Goldberg', 'US', 'US Ambassador', 'Signed the 12th SMA.');

INSERT INTO round (agreement, seq, start, "end", location, format, negotiators, source, notes) VALUES
('SMA-11', 1, '2019-09-24', '2019-09-25', 'Seoul', 'in-person', NULL, 'koreaherald-2021-02-22', 'Talks begin: "multiple rounds of talks since September 2019".'),
('SMA-11', 2, '2019-10-23', '2019-10-24', 'Honolulu', 'in-person', NULL, NULL, NULL),
('SMA-11', 3, '2019-11-18', '2019-11-19', 'Seoul', 'in-person', NULL, NULL, 'The US delegation left the table early.'),
('SMA-11', 4, '2019-12-03', '2019-12-04', 'Washington', 'in-person', NULL, NULL, NULL),
('SMA-11', 5, '2019-12-17', '2019-12-18', 'Seoul', 'in-person', NULL, NULL, NULL),
('SMA-11', 6, '2020-01-14', '2020-01-15', 'Washington', 'in-person', NULL, NULL, NULL),
('SMA-11', 7, '2020-03-17', '2020-03-19', 'Los Angeles', 'in-person', NULL, NULL, NULL),
('SMA-11', 8, '2021-02-05', '2021-02-05', NULL, 'video', NULL, 'koreaherald-2021-02-22',
 'Top negotiators by videoconference: the first talks since President Biden''s inauguration.'),
('SMA-11', 9, '2021-03-06~', '2021-03-07', 'Washington', 'in-person', NULL, 'kbs-2021-03-08',
 'A tentative agreement reached on the weekend.'),
('SMA-12', 1, '2024-04-22~', NULL, 'Honolulu', 'in-person', 'lee-tae-woo;linda-specht', 'kbsworld-2024-04-26;metroradio-2024-10-04',
 'Talks begin in the week of 2024-04-22; the Pentagon''s statement followed on Thursday 2024-04-25. The negotiators are the talks'' chief negotiators.');

INSERT INTO position (agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes, amount_approx) VALUES
('SMA-11', NULL, '2020-03~', 'KR', 'offer', NULL, NULL, 1300, NULL, 'reported', NULL, 'koreaherald-2021-02-22;chosun-2024-10-17',
 'Seoul''s "best offer": a 13 percent hike from the 2019 accord.', 0),
('SMA-11', NULL, '2020-04~', 'US', 'demand', NULL, NULL, 5000, NULL, 'reported', NULL, 'koreaherald-2021-02-22',
 'Trump turned down the offer and reportedly demanded a 50 percent increase.', 0),
('SMA-11', NULL, '2021-02~', 'KR', 'offer', NULL, NULL, 1300, NULL, 'reported',
 'mandated increases in South Korea''s defense budget; purchases of certain US military equipment',
 'cnn-2021-02;koreaherald-2021-02-22', 'CNN: a multiyear deal with a 13 percent increase is "just weeks away".', 0),
('SMA-11', NULL, '2021-03-07', 'KR', 'offer', 1183300000000, 'KRW', NULL, 6, 'confirmed', 'rises with South Korea''s defense budget after 2021', 'nknews-2021-03',
 'Agreed figure for 2021, 13.9 percent over 2019.', 0),
('SMA-12', NULL, '2024-10-04', 'KR', 'offer', 1519200000000, 'KRW', NULL, 5, 'confirmed', 'adjusted by the consumer price index after 2026',
 'metroradio-2024-10-04;nknews-2024-10', 'Agreed figure for 2026, 8.3 percent over 2025.', 0),
('SMA-11', NULL, '2019-09~', 'US', 'demand', 5000000000, 'USD', NULL, NULL, 'reported', NULL, 'chosun-2024-10-17',
 'Trump demanded about $5 billion a year during his first term; dated to the start of the talks, as the reports give no date.', 1);

-- A candidate's words away from the table: a statement, never a demand.
INSERT INTO statement (date, actor, agreement, party, amount, currency, pct_bp, quote, confidence, source, notes) VALUES
('2024-10-15', 'trump', 'SMA-12', 'US', 10000000000, 'USD', NULL,
 'If I were there now, they''d be paying us $10 billion a year', 'confirmed', 'joongang-2024-10-16;chosun-2024-10-17',
 'As a candidate, at the Economic Club of Chicago.');

INSERT INTO outcome (agreement, round, date, kind, source, notes) VALUES
('SMA-10', NULL, '2019-03-08', 'signed', NULL, 'Public record.'),
('SMA-10', NULL, '2019-12-31', 'expired', 'koreaherald-2021-02-22', 'The last one-year deal expired at the end of 2019.'),
('SMA-11', NULL, '2020-04~', 'rejected', 'koreaherald-2021-02-22;chosun-2024-10-17', 'The two sides were close to signing, but Trump turned down Seoul''s offer.'),
('SMA-11', NULL, '2021-03-07', 'tentative', 'kbs-2021-03-08', 'Agreement in principle: a six-year deal, 2020 to 2025.'),
('SMA-11', NULL, '2021-04-08', 'signed', NULL, 'Public record.'),
('SMA-12', NULL, '2024-10-04', 'tentative', 'metroradio-2024-10-04;nknews-2024-10', 'Concluded after eight rounds.'),
('SMA-12', NULL, '2024-11-04', 'signed', 'aseantribune-2024-11',
 'Signed in Seoul by Foreign Minister Cho Tae-yul and US Ambassador Philip Goldberg.'),
('SMA-10', NULL, '2019-02-10', 'tentative', 'nyt-2019-02-10', 'Text agreed; reported by the New York Times as signed that Sunday.');

INSERT INTO furlough (agreement, start, "end", workers, stopgap, currency, source, notes, workers_approx) VALUES
('SMA-11', '2020-04-01', '2020-06-15', 4000, NULL, NULL, 'koreaherald-2021-02-22',
 'Some 4,000 Korean employees of USFK on unpaid leave for more than two months; Seoul decided to provide stopgap funding to pay their wages.', 1);

INSERT INTO rate (date, currency, per_usd_e4, source, notes) VALUES
('2021-02-22', 'KRW', 11315000, 'koreaherald-2021-02-22',
 'From "1.04 trillion won ($919.1 million)": 1.04 trillion / 919.1 million = 1,131.5 won per dollar.'),
('2019-02-10', 'KRW', 11243243, 'nyt-2019-02-10',
 'From "about 1.04 trillion won, $925 million": 1.04 trillion / 925 million = 1,124.3243 won per dollar.');
