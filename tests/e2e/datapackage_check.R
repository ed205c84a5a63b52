# datapackage_check.R - loads an export --all folder in R typed as its
# datapackage.json says (integers and numbers as numeric, exact to 2^53;
# an "about" value's '~' stripped, as bareNumber false allows), and prints
# each resource's column classes; any value that does not convert is a
# problem, and the script exits 1.
library(jsonlite)
args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]
package <- fromJSON(file.path(folder, "datapackage.json"), simplifyVector = FALSE)
problems <- character()
for (r in package$resources) {
  frame <- read.csv(file.path(folder, r$path), colClasses = "character", na.strings = "",
                    encoding = "UTF-8", check.names = FALSE)
  names <- vapply(r$schema$fields, function(f) f$name, "")
  if (!identical(names(frame), names)) {
    problems <- c(problems, paste(r$name, ": columns are not the schema's"))
    next
  }
  for (f in r$schema$fields) {
    value <- frame[[f$name]]
    if (f$type %in% c("integer", "number")) {
      if (isFALSE(f$bareNumber)) value <- sub("~$", "", value)
      typed <- suppressWarnings(as.numeric(value))
      if (any(is.na(typed) & !is.na(value)))
        problems <- c(problems, paste0(r$name, ".", f$name, ": not ", f$type))
      if (f$type == "integer" && any(!is.na(typed) & typed != round(typed)))
        problems <- c(problems, paste0(r$name, ".", f$name, ": not whole"))
      frame[[f$name]] <- typed
    }
  }
  cat(r$name, paste(names(frame), vapply(frame, class, ""), sep = ":"), "\n")
}
for (p in problems) cat("PROBLEM:", p, "\n")
quit(status = if (length(problems)) 1 else 0)
