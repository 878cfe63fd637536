"""Peer baseline: Microsoft Presidio's pattern recognizers over the dev corpus.

    bench/.venv/bin/python bench/peer/presidio_bench.py CORPUS.jsonl [--min-seconds 3]

Runs only the rule-based recognizers that overlap with what Post with Care looks for in a UK post:
NHS number, National Insurance number, UK postcode, phone number (python-phonenumbers, GB region),
email address and date. No NLP model is loaded or downloaded: the recognizers are built directly
and each is called as `recognizer.analyze(text, entities, nlp_artifacts=None)`, which is the
cheapest way Presidio can run them (no spaCy pipeline, no context enhancement, no result merging).
That makes the peer's throughput an upper bound and our ratio against it a lower bound.

For reference it also times the same recognizers behind `AnalyzerEngine` with a stub NLP engine
that returns no tokens (so still no model), which adds Presidio's own orchestration.

Timing covers the analysis loop only (imports and recognizer construction excluded), repeated
over the whole corpus until at least --min-seconds have passed; the figure is the median of
three such passes. Prints one JSON object on stdout.
"""

import json
import statistics
import sys
import time


def load_corpus(path):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                texts.append(json.loads(line)["text"])
    return texts


def build_recognizers():
    from presidio_analyzer import predefined_recognizers as pr

    wanted = [
        ("NhsRecognizer", {}),
        ("UkNinoRecognizer", {}),
        ("UkPostcodeRecognizer", {}),
        ("PhoneRecognizer", {"supported_regions": ("GB",)}),
        ("EmailRecognizer", {}),
        ("DateRecognizer", {}),
    ]
    recognizers, missing = [], []
    for name, kwargs in wanted:
        cls = getattr(pr, name, None)
        if cls is None:
            missing.append(name)
            continue
        recognizers.append(cls(**kwargs))
    return recognizers, missing


def timed_passes(run_once, n_posts, min_seconds, passes=3):
    """Posts per second: median over `passes` passes of repeated whole-corpus runs."""
    run_once()  # warm up (regex compilation, phonenumbers metadata)
    rates = []
    for _ in range(passes):
        rounds, start = 0, time.perf_counter()
        while True:
            run_once()
            rounds += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_seconds:
                break
        rates.append(rounds * n_posts / elapsed)
    return statistics.median(rates), rates


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    corpus = args[0]
    min_seconds = float(args[args.index("--min-seconds") + 1]) if "--min-seconds" in args else 3.0
    texts = load_corpus(corpus)

    import presidio_analyzer

    version = getattr(presidio_analyzer, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("presidio-analyzer")
    recognizers, missing = build_recognizers()
    plan = [(r, list(r.supported_entities)) for r in recognizers]

    hits = {"posts_with_a_result": 0}

    def direct():
        n = 0
        for text in texts:
            found = False
            for recognizer, entities in plan:
                if recognizer.analyze(text, entities, None):
                    found = True
            n += found
        hits["posts_with_a_result"] = n

    rate, rates = timed_passes(direct, len(texts), min_seconds)
    result = {
        "peer": "presidio-analyzer",
        "version": version,
        "recognizers": [type(r).__name__ for r in recognizers],
        "missing_recognizers": missing,
        "mode": "recognizer.analyze(text, entities, nlp_artifacts=None)",
        "posts": len(texts),
        "posts_per_second": rate,
        "passes_posts_per_second": rates,
        "posts_with_a_result": hits["posts_with_a_result"],
        "python": sys.version.split()[0],
    }

    # For reference: the same recognizers behind AnalyzerEngine, with a model-free stub NLP engine.
    try:
        result["analyzer_engine_posts_per_second"] = analyzer_engine_rate(recognizers, texts, min_seconds)
    except Exception as e:  # reference only; the table uses the direct figure
        result["analyzer_engine_error"] = f"{type(e).__name__}: {e}"

    print(json.dumps(result))


def analyzer_engine_rate(recognizers, texts, min_seconds):
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

    class NoModelNlpEngine(NlpEngine):
        """Tokenises nothing and loads nothing: the pattern recognizers do not need it."""

        def load(self):
            pass

        def is_loaded(self):
            return True

        def process_text(self, text, language):
            return NlpArtifacts(entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=self, language=language)

        def process_batch(self, texts, language, batch_size=1, n_process=1, **kwargs):
            for text in texts:
                yield text, self.process_text(text, language)

        def is_stopword(self, word, language):
            return False

        def is_punct(self, word, language):
            return False

        def get_supported_entities(self):
            return []

        def get_supported_languages(self):
            return ["en"]

    registry = RecognizerRegistry(recognizers=list(recognizers), supported_languages=["en"])
    engine = AnalyzerEngine(registry=registry, nlp_engine=NoModelNlpEngine(), supported_languages=["en"])
    entities = sorted({e for r in recognizers for e in r.supported_entities})

    def once():
        for text in texts:
            engine.analyze(text=text, entities=entities, language="en")

    rate, _ = timed_passes(once, len(texts), min_seconds, passes=1)
    return rate


if __name__ == "__main__":
    main()
