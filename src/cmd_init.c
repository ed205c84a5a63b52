/* cmd_init.c - creates a database, optionally with the bundled SMA example. */
#include "smalog/commands.h"

#include "smalog/db.h"
#include "smalog/error.h"

#include <stdio.h>
#include <unistd.h>

static int run_init(struct cli *cli)
{
	struct db *db = cli->db;
	int rc = 0;
	if (cli_has(cli, "example")) {
		rc = db_begin(db);
		if (rc == 0)
			rc = db_exec_file(db, "example.sql");
		rc = rc == 0 ? db_commit(db) : (db_rollback(db), rc);
	}
	if (rc) {
		unlink(db->path); /* a failed init leaves nothing behind */
		return rc;
	}
	fprintf(stderr, "created %s%s\n", db->path, cli_has(cli, "example") ? " with the SMA-10 to SMA-12 example" : "");
	return 0;
}

static const struct option_spec init_options[] = {
	{ "example", false, "load the bundled example: the 10th to 12th SMA, 2019-2030" },
	{ NULL, false, NULL },
};

const struct command cmd_init = {
	.name = "init", .run = run_init, .options = init_options,
	.opens = OPENS_CREATE,
	.usage = "smalog init [--example]",
	.summary = "Create a new database (refuses an existing file).",
	.help = "With --example, the database holds the 10th, 11th and 12th SMA: yearly\n"
		"schedules and their rules, rounds and negotiators, offers, demands, a\n"
		"candidate's statement, outcomes and the 2020 furlough, each with its source.\n",
};
