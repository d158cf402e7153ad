// The Nexmark queries as SQL for DuckDB — the independent oracle of the .flow queries. Tables person, auction, bid
// hold the generated events with times as BIGINT epoch milliseconds; windows are spelled out with integer arithmetic
// (HOP as the 5 starts of the windows holding a bid, sessions as gaps-and-islands) and DuckDB's quirks are worked
// around where its functions differ from Flink's (regexp_extract gives '' on no match, split_part '' out of range).
export const DAY = "strftime(epoch_ms(dateTime), '%Y-%m-%d')";

const buckets = (what: string, distinct: string | null) => {
  const agg = (filter: string) => (distinct === null ? `count(*) FILTER (WHERE ${filter})` : `count(DISTINCT ${distinct}) FILTER (WHERE ${filter})`);
  return [
    `${agg("price < 10000")} AS rank1${what}`,
    `${agg("price >= 10000 AND price < 1000000")} AS rank2${what}`,
    `${agg("price >= 1000000")} AS rank3${what}`,
  ].join(", ");
};

const q15Columns = `count(*) AS totalBids, ${buckets("Bids", null)},
  count(DISTINCT bidder) AS totalBidders, ${buckets("Bidders", "bidder")},
  count(DISTINCT auction) AS totalAuctions, ${buckets("Auctions", "auction")}`;

export const ORACLE_SQL: Readonly<Record<string, string>> = {
  q0: "SELECT auction, bidder, price, dateTime, extra FROM bid",
  q1: "SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid",
  q2: "SELECT auction, price FROM bid WHERE auction % 123 = 0",
  q3: `SELECT P.name, P.city, P.state, A.id FROM auction A JOIN person P ON A.seller = P.id
       WHERE A.category = 10 AND P.state IN ('OR', 'ID', 'CA')`,
  q4: `SELECT category, AVG(final) AS average FROM (
         SELECT MAX(B.price) AS final, A.category FROM auction A, bid B
         WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
         GROUP BY A.id, A.category) GROUP BY category`,
  q5: `WITH w AS (SELECT auction, (dateTime // 2000) * 2000 - k * 2000 AS ws FROM bid, range(0, 5) t(k)),
       c AS (SELECT auction, ws, count(*) AS num FROM w GROUP BY auction, ws),
       m AS (SELECT ws, max(num) AS maxn FROM c GROUP BY ws)
       SELECT c.auction, c.num FROM c JOIN m ON c.ws = m.ws AND c.num >= m.maxn`,
  q7: `WITH m AS (SELECT max(price) AS maxprice, (dateTime // 10000) * 10000 + 10000 AS dt FROM bid GROUP BY dateTime // 10000)
       SELECT B.auction, B.price, B.bidder, B.dateTime, B.extra FROM bid B JOIN m ON B.price = m.maxprice
       WHERE B.dateTime BETWEEN m.dt - 10000 AND m.dt`,
  q8: `SELECT P.id, P.name, P.ws AS starts FROM
         (SELECT id, name, (dateTime // 10000) * 10000 AS ws FROM person GROUP BY id, name, ws) P
       JOIN (SELECT seller, (dateTime // 10000) * 10000 AS ws FROM auction GROUP BY seller, ws) A
       ON P.id = A.seller AND P.ws = A.ws`,
  q9: `SELECT id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra,
         auction, bidder, price, bidDateTime, bidExtra FROM (
         SELECT A.*, B.auction, B.bidder, B.price, B.dateTime AS bidDateTime, B.extra AS bidExtra,
           ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.dateTime ASC) AS rownum
         FROM auction A, bid B WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires)
       WHERE rownum <= 1`,
  q11: `WITH o AS (SELECT bidder, dateTime,
           CASE WHEN dateTime - lag(dateTime) OVER (PARTITION BY bidder ORDER BY dateTime) < 10000 THEN 0 ELSE 1 END AS fresh FROM bid),
         s AS (SELECT bidder, dateTime, sum(fresh) OVER (PARTITION BY bidder ORDER BY dateTime ROWS UNBOUNDED PRECEDING) AS sid FROM o)
        SELECT bidder, count(*) AS bidCount, min(dateTime) AS starts, max(dateTime) + 10000 AS ends FROM s GROUP BY bidder, sid`,
  // The side table side_input (key, value) is loaded from q13's committed file (dsl-examples/nexmark/data).
  q13: `SELECT b.auction, b.bidder, b.price, b.dateTime, s.value FROM bid b JOIN side_input s ON b.auction % 10000 = s.key`,
  q14: `SELECT auction, bidder, 0.908 * price AS price,
          CASE WHEN hour(epoch_ms(dateTime)) >= 8 AND hour(epoch_ms(dateTime)) <= 18 THEN 'dayTime'
               WHEN hour(epoch_ms(dateTime)) <= 6 OR hour(epoch_ms(dateTime)) >= 20 THEN 'nightTime'
               ELSE 'otherTime' END AS bidTimeType,
          dateTime, extra, length(extra) - length(replace(extra, 'c', '')) AS cCounts
        FROM bid WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000`,
  q15: `SELECT ${DAY} AS day, ${q15Columns} FROM bid GROUP BY day`,
  q16: `SELECT channel, ${DAY} AS day, max(strftime(epoch_ms(dateTime), '%H:%M')) AS minute, ${q15Columns}
        FROM bid GROUP BY channel, day`,
  q17: `SELECT auction, ${DAY} AS day, count(*) AS totalBids, ${buckets("Bids", null)},
          min(price) AS minPrice, max(price) AS maxPrice, avg(price) AS avgPrice, sum(price) AS sumPrice
        FROM bid GROUP BY auction, day`,
  q18: `SELECT auction, bidder, price, channel, url, dateTime, extra FROM (
          SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY dateTime DESC) AS rn FROM bid) WHERE rn = 1`,
  q19: `SELECT * FROM (
          SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rank FROM bid) WHERE rank <= 10`,
  q20: `SELECT B.auction, B.bidder, B.price, B.channel, B.url, B.dateTime, B.extra, A.itemName, A.description,
          A.initialBid, A.reserve, A.dateTime AS auctionDateTime, A.expires, A.seller, A.category, A.extra AS auctionExtra
        FROM bid B JOIN auction A ON B.auction = A.id WHERE A.category = 10`,
  q21: `SELECT auction, bidder, price, channel,
          CASE WHEN lower(channel) = 'apple' THEN '0' WHEN lower(channel) = 'google' THEN '1'
               WHEN lower(channel) = 'facebook' THEN '2' WHEN lower(channel) = 'baidu' THEN '3'
               ELSE fromUrl END AS channelId
        FROM (SELECT *, CASE WHEN regexp_matches(url, '(&|^)channel_id=([^&]*)')
                             THEN regexp_extract(url, '(&|^)channel_id=([^&]*)', 2) END AS fromUrl FROM bid)
        WHERE fromUrl IS NOT NULL OR lower(channel) IN ('apple', 'google', 'facebook', 'baidu')`,
  q22: `SELECT auction, bidder, price, channel, list_extract(string_split(url, '/'), 4) AS dir1,
          list_extract(string_split(url, '/'), 5) AS dir2, list_extract(string_split(url, '/'), 6) AS dir3 FROM bid`,
};
