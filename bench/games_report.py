"""The online game operator's semi-annual report on a million accounts and ten million sessions.

Usage: .venv/bin/python bench/games_report.py [--quick] [--accounts 1000000]
       [--sessions 10000000] [--runs 3]

A fresh PostgreSQL database with the provider's schema is filled in the database itself
(INSERT ... SELECT over generate_series, foreign-key triggers off while filling): 8 games with a
server token each, `--accounts` accounts over the 34 provinces (a fifth born after 2010, most of
those with a guardian; one in twenty closed), one or two games per account, `--sessions` play
sessions (one in eleven in the second half of 2025, the others over the first half of 2026),
and half as many play days as sessions. Then the report of the first half of 2026 is built
`--runs` times (every figure, from the records: netpoint.provider.modules.games.report.build)
and rendered to .docx, with each figure's own query timed once. Target: within 30 s on the full
size. The last line is one JSON object.
"""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path
from string import Template

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import PG, provider_database  # noqa: E402
from monitoring import timed  # noqa: E402

GAMES = 8

ACCOUNTS = """
INSERT INTO games_account (ref, full_name, date_of_birth, gender, address, province_code,
  id_type, id_index, id_number_sealed, id_issued_on, id_issued_by, phone_index, phone_sealed,
  phone_verified_at, guardian_name, guardian_relation, guardian_address, guardian_id_type,
  guardian_id_index, guardian_id_number_sealed, guardian_id_issued_on, guardian_id_issued_by,
  guardian_phone_sealed, created_at, updated_at, closed_at)
SELECT 'acc-' || n, 'Người chơi ' || n,
  CASE WHEN n % 5 = 0 THEN date '2010-01-01' + (n % 4000)
       ELSE date '1970-01-01' + (n % 12000) END,
  CASE WHEN n % 2 = 0 THEN 'nam' ELSE 'nữ' END, 'Địa chỉ ' || n,
  ($provinces)[1 + n % $province_count],
  'cccd', md5('id' || n), 'sealed', date '2022-01-01', 'Cục Cảnh sát QLHC về TTXH',
  md5('phone' || n), 'sealed',
  CASE WHEN n % 3 = 0 THEN NULL ELSE timestamptz '2025-06-01' END,
  CASE WHEN n % 5 = 0 AND n % 7 <> 0 THEN 'Người giám hộ ' || n ELSE '' END,
  '', '', '', '', '', NULL, '', '',
  timestamptz '2025-01-01' + (n % 500) * interval '1 day',
  timestamptz '2025-01-01' + (n % 500) * interval '1 day',
  CASE WHEN n % 20 = 0 THEN timestamptz '2026-03-01' ELSE NULL END
FROM generate_series(1, $accounts) AS n
"""

ACCOUNT_GAMES = """
INSERT INTO games_account_games (account_id, game_id)
SELECT a.id, ($games)[1 + a.id % $game_count] FROM games_account a
UNION ALL
SELECT a.id, ($games)[1 + (a.id + 1) % $game_count] FROM games_account a WHERE a.id % 3 = 0
"""

# Sessions in the first half of 2026 (one in eleven outside it), each with its game's token.
SESSIONS = """
INSERT INTO games_playsession (token_id, ref, game_id, account_id, minor, started_at,
  lease_until, last_seq, warned, heartbeats, late_heartbeats, ended_at, end_reason, last_answer)
SELECT t.token_id, 's' || n, t.game_id, a.first_id + n % $accounts, n % 5 = 0, s.started,
  s.started + interval '40 minutes', 40, 1, 40, (n % 50 = 0)::int,
  s.started + interval '40 minutes',
  (ARRAY['stopped', 'stopped', 'stopped', 'game_limit', 'day_limit', 'age_rating',
         'no_guardian', 'stopped'])[1 + n % 8],
  '{}'
FROM generate_series(1, $sessions) AS n
CROSS JOIN LATERAL (
  SELECT CASE WHEN n % 11 = 0 THEN timestamptz '2025-07-01'
              ELSE timestamptz '2026-01-01' END + (n % 15600) * interval '1000 seconds' AS started
) s
JOIN (SELECT id AS token_id, game_id, row_number() OVER (ORDER BY id) - 1 AS slot
      FROM games_apitoken) t ON t.slot = n % $game_count
CROSS JOIN (SELECT min(id) AS first_id FROM games_account) a
"""

PLAY_DAYS = """
INSERT INTO games_playday (account_id, game_id, day, seconds, covered_until)
SELECT a.first_id + n % $accounts, ($games)[1 + n % $game_count],
  date '2026-01-01' + (n / $accounts) % 181, 2400, NULL
FROM generate_series(0, $days - 1) AS n
CROSS JOIN (SELECT min(id) AS first_id FROM games_account) a
"""


def fill(pg, accounts: int, sessions: int) -> dict:
    from netpoint.provider.registry import divisions

    provinces = [code for code, _name in divisions.provinces()]
    games = [
        pg.execute(
            "INSERT INTO games_game (code, name_original, name_vi, kind, origin, age_rating,"
            " licence_number, value_added_services) VALUES (%s, %s, %s, 'Nhập vai',"
            " 'Việt Nam', %s, '1/GP-BENCH', '') RETURNING id",
            [f"bench-{g}", f"Bench {g}", f"Đo tải {g}", ["00+", "12+", "16+", "18+"][g % 4]],
        ).fetchone()[0]
        for g in range(GAMES)
    ]
    for g, game in enumerate(games):
        pg.execute(
            "INSERT INTO games_apitoken (token_hash, created_at, name, kind, game_id)"
            " VALUES (md5(%s), now(), %s, 'game_server', %s)",
            [f"bench-{g}", f"Cụm {g}", game],
        )
    numbers = {
        "provinces": "ARRAY[" + ",".join(map(str, provinces)) + "]",
        "province_count": len(provinces),
        "games": "ARRAY[" + ",".join(map(str, games)) + "]",
        "game_count": len(games),
        "accounts": accounts,
        "sessions": sessions,
        "days": sessions // 2,
    }
    filled = {}
    # Foreign keys are checked by triggers: off while the generated rows go in (they are right
    # by construction), as a restore would do.
    pg.execute("SET session_replication_role = replica")
    for name, statement in (
        ("accounts", ACCOUNTS),
        ("account_games", ACCOUNT_GAMES),
        ("sessions", SESSIONS),
        ("play_days", PLAY_DAYS),
    ):
        started = time.perf_counter()
        # The numbers are ours (ints and literal arrays), not input: written into the text.
        pg.execute(Template(statement).substitute(numbers))
        filled[f"fill_{name}_s"] = round(time.perf_counter() - started, 1)
        print(f"filled {name} in {filled[f'fill_{name}_s']} s", file=sys.stderr)
    pg.execute("SET session_replication_role = origin")
    pg.execute("VACUUM ANALYZE")
    return filled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 accounts, 200,000 sessions")
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--sessions", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    accounts = 20_000 if args.quick else args.accounts
    sessions = 200_000 if args.quick else args.sessions
    with provider_database("netpoint_games_report") as (name, _env, _servers):
        import django
        import psycopg

        django.setup()
        from django.db import connection

        from netpoint.provider.modules.games import report
        from netpoint.provider.modules.games.models import PlaySession, SemiannualReport

        with psycopg.connect(f"{PG}/{name}", autocommit=True) as pg:
            print(f"filling {accounts} accounts, {sessions} sessions", file=sys.stderr)
            figures = {"accounts": accounts, "sessions": sessions} | fill(pg, accounts, sessions)
        saved = SemiannualReport.objects.create(
            year=2026,
            half=1,
            number="1/BC-BENCH",
            place="Hà Nội",
            dated=date(2026, 7, 3),
            company="Công ty Đo tải",
            capacity_accounts=2_000_000,
            revenue=[1_000_000] * 6,
            security_plan="Sao lưu hằng ngày.",
            signer_title="Giám đốc",
            signer_name="Người Ký",
        )
        first, last = report.period(2026, 1)
        figures |= {
            "players_by_province_ms": timed(lambda: report.players_by_province(first, last), 1),
            "session_figures_ms": timed(lambda: report.session_figures(first, last), 1),
            "account_figures_ms": timed(lambda: report.account_figures(last), 1),
            "registered_by_game_ms": timed(lambda: report.registered_by_game(last), 1),
            "report_docx_ms": timed(lambda: report.to_docx(saved), args.runs),
        }
        built = report.build(saved)
        figures["addressees"] = len(built.addressees)
        figures["sessions_in_half_year"] = built.content["sections"][5]["tables"][0]["rows"][0][1]
        figures["sessions_stored"] = PlaySession.objects.count()
        figures["within_30_s"] = figures["report_docx_ms"]["max_ms"] <= 30_000
        connection.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
