import pytest

from conflictwire.settings import Settings, default_cache_dir


def test_defaults_need_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.load()
    assert settings.max_text_bytes == 2_000_000
    assert settings.db_path == "conflictwire.db"


def test_file_then_environment_then_arguments(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conflictwire.toml").write_text(
        'batch_size = 4\nspacy_model = "en_core_web_md"\nlanguages = ["en", "fr"]\n'
    )
    monkeypatch.setenv("CONFLICTWIRE_BATCH_SIZE", "8")
    settings = Settings.load(published="2017-08-14")
    assert settings.spacy_model == "en_core_web_md"
    assert settings.languages == ("en", "fr")
    assert settings.batch_size == 8
    assert settings.published == "2017-08-14"


def test_unknown_setting_is_named_in_the_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conflictwire.toml").write_text("batchsize = 4\n")
    with pytest.raises(ValueError, match="batchsize"):
        Settings.load()


def test_bad_number_says_which_setting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONFLICTWIRE_MAX_TEXT_BYTES", "lots")
    with pytest.raises(ValueError, match="max_text_bytes"):
        Settings.load()


def test_missing_named_config_file_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.toml"):
        Settings.load(tmp_path / "nope.toml")


def test_cache_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTWIRE_CACHE", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
